/**
 * Booking reference codes: short, read aloud on the phone, typed from a letter.
 * The alphabet leaves out 0/O and 1/I; 32 symbols, so one random byte maps to one
 * symbol without bias (256 = 8 × 32).
 */
export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const REFERENCE_LENGTH = 8;

/** A reference like "K7QF-M2XA" from 8 random bytes (passed in: the core draws no randomness). */
export function referenceFromBytes(bytes: Uint8Array): string {
  if (bytes.length < REFERENCE_LENGTH) throw new RangeError(`need ${REFERENCE_LENGTH} random bytes`);
  let code = "";
  for (let i = 0; i < REFERENCE_LENGTH; i++) code += REFERENCE_ALPHABET[(bytes[i] as number) & 31];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Canonical form of a reference typed by a person (any case, spaces or hyphens);
 * null when the input cannot be a reference.
 */
export function normalizeReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== REFERENCE_LENGTH) return null;
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
