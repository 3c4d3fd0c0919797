import { define } from "../../lib/define.ts";
import { TerminvergabeStepConcerns } from "./step-concerns.component.ts";

export { TerminvergabeStepConcerns };
define("terminvergabe-step-concerns", TerminvergabeStepConcerns);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-step-concerns": TerminvergabeStepConcerns;
  }
}
