export {
  checkAdmission,
  enterWaitingRoom,
  releaseOf,
  waitingRoomPhase,
  type AdmissionRejection,
  type EntryRejection,
  type Release,
  type WaitingRoomPhase,
} from "./waiting-room.ts";
