import "../hold-timer/hold-timer.ts";
import { define } from "../../lib/define.ts";
import { TerminvergabeStepReview } from "./step-review.component.ts";

export { TerminvergabeStepReview };
define("terminvergabe-step-review", TerminvergabeStepReview);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-step-review": TerminvergabeStepReview;
  }
}
