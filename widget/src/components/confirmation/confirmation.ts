import { define } from "../../lib/define.ts";
import { TerminvergabeConfirmation } from "./confirmation.component.ts";

export { TerminvergabeConfirmation };
define("terminvergabe-confirmation", TerminvergabeConfirmation);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-confirmation": TerminvergabeConfirmation;
  }
}
