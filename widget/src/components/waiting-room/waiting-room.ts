import { define } from "../../lib/define.ts";
import { TerminvergabeWaitingRoom } from "./waiting-room.component.ts";

export { TerminvergabeWaitingRoom };
define("terminvergabe-waiting-room", TerminvergabeWaitingRoom);

declare global {
  interface HTMLElementTagNameMap {
    "terminvergabe-waiting-room": TerminvergabeWaitingRoom;
  }
}
