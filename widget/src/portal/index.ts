/**
 * Terminvergabe customer portal. One script tag registers `<terminvergabe-portal>`:
 *
 *   <script type="module" src="https://<gateway>/portal.js"></script>
 *   <terminvergabe-portal tenant="demo-steuerberatung" lang="de"></terminvergabe-portal>
 */
import { define } from "../lib/define.ts";
import { TerminvergabePortal } from "./portal.component.ts";

export { TerminvergabePortal };
define("terminvergabe-portal", TerminvergabePortal);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-portal": TerminvergabePortal;
  }
}
