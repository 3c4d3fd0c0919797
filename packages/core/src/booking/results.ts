/** The counter already holds a live hold or booking that overlaps the requested time. */
export interface SlotTaken {
  kind: "SLOT_TAKEN";
}
