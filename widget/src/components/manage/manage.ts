import "../step-datetime/step-datetime.ts";
import { define } from "../../lib/define.ts";
import { TerminvergabeManage } from "./manage.component.ts";

export { TerminvergabeManage };
define("terminvergabe-manage", TerminvergabeManage);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-manage": TerminvergabeManage;
  }
}
