import "../step-concerns/step-concerns.ts";
import "../step-datetime/step-datetime.ts";
import "../step-contact/step-contact.ts";
import "../step-review/step-review.ts";
import "../confirmation/confirmation.ts";
import "../manage/manage.ts";
import "../waiting-room/waiting-room.ts";
import { define } from "../../lib/define.ts";
import { TerminvergabeBooking } from "./booking.component.ts";

export { TerminvergabeBooking };
define("terminvergabe-booking", TerminvergabeBooking);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-booking": TerminvergabeBooking;
  }
}
