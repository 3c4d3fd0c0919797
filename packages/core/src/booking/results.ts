/** A value that either succeeded or failed with a typed domain error. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** The counter already holds a live hold or booking that overlaps the requested time. */
export interface SlotTaken {
  kind: "SLOT_TAKEN";
}
