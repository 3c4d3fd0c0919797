import "../hold-timer/hold-timer.ts";
import { define } from "../../lib/define.ts";
import { TerminvergabeStepContact } from "./step-contact.component.ts";

export { TerminvergabeStepContact };
define("terminvergabe-step-contact", TerminvergabeStepContact);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-step-contact": TerminvergabeStepContact;
  }
}
