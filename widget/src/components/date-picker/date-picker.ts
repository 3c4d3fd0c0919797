import { define } from "../../lib/define.ts";
import { TerminvergabeDatePicker } from "./date-picker.component.ts";

export { TerminvergabeDatePicker };
define("terminvergabe-date-picker", TerminvergabeDatePicker);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-date-picker": TerminvergabeDatePicker;
  }
}
