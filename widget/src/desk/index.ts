/**
 * Terminvergabe staff desk, served by the gateway at /desk/<tenant> (never embedded):
 *
 *   <script type="module" src="/desk.js"></script>
 *   <terminvergabe-desk tenant="demo-buergerbuero" tenant-name="…"></terminvergabe-desk>
 */
export { TerminvergabeDesk } from "./desk-app.ts";
