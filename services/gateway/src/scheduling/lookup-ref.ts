/** Longest tenant slug or office reference (slug or UUID) looked up at all. */
export const MAX_REF_LENGTH = 64;

const REF = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a caller's tenant slug or office reference can name anything at all. Anything
 * else is unknown without asking the database, and is never a cache key: attacker-chosen
 * strings must not fill the caches (issue 16: 12,000 unique 60 KB slugs held 1.2 GiB).
 */
export function isLookupRef(ref: string): boolean {
  return ref.length > 0 && ref.length <= MAX_REF_LENGTH && REF.test(ref);
}

export function isUuid(id: string): boolean {
  return id.length === 36 && UUID.test(id);
}
