/**
 * The one result shape of the core: a value, or a typed domain error. Every core function
 * that can fail for an expected reason returns it, so callers branch on `ok` the same way
 * everywhere.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
