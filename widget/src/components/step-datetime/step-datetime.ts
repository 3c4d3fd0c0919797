import "../date-picker/date-picker.ts";
import { define } from "../../lib/define.ts";
import { TerminvergabeStepDatetime } from "./step-datetime.component.ts";

export { TerminvergabeStepDatetime };
define("terminvergabe-step-datetime", TerminvergabeStepDatetime);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-step-datetime": TerminvergabeStepDatetime;
  }
}
