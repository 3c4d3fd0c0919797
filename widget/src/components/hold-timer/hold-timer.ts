import { define } from "../../lib/define.ts";
import { TerminvergabeHoldTimer } from "./hold-timer.component.ts";

export { TerminvergabeHoldTimer };
define("terminvergabe-hold-timer", TerminvergabeHoldTimer);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-hold-timer": TerminvergabeHoldTimer;
  }
}
