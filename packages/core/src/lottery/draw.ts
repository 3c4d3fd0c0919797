import { err, ok, type Result } from "../shared/result.ts";

/**
 * The lottery draw `tv-draw-1` (docs/lottery.md pins every byte; keep the two in step).
 *
 * The core stays platform-free, so the two hash primitives are a port: the gateway passes
 * node:crypto, a browser could pass a WebCrypto-backed or a JavaScript implementation.
 */
export interface DrawHashes {
  /** SHA-256 of `data` (32 bytes). */
  sha256(data: Uint8Array): Uint8Array;
  /** HMAC-SHA256 of `data` under `key` (32 bytes). */
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
}

export const DRAW_ALGORITHM = "tv-draw-1";

/** Entry codes are printable ASCII from this alphabet, so their bytes, UTF-8 and code units agree. */
export const ENTRY_CODE_PATTERN = /^[0-9A-Z-]{1,64}$/;

/** The two lowercase hex digits of every byte value. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** Lowercase hexadecimal, two digits per byte. */
export function toHex(bytes: Uint8Array): string {
  // Concatenating precomputed pairs: a draw converts 100,000 tickets, so no array per call.
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i] as number];
  return out;
}

/** Parses lowercase or uppercase hexadecimal; null when it is not an even run of hex digits. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const utf8 = new TextEncoder();

/** Bytewise (unsigned) comparison; for the ASCII entry codes equal to comparing code units. */
export function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `commitment = hex(SHA-256(secret))`, published before the application window opens. */
export function seedCommitment(hashes: DrawHashes, secret: Uint8Array): string {
  return toHex(hashes.sha256(secret));
}

export type EntryListRejection =
  | { readonly type: "INVALID_ENTRY_CODE"; readonly entryCode: string }
  | { readonly type: "DUPLICATE_ENTRY_CODE"; readonly entryCode: string };

/**
 * The published entry list: the entry codes sorted by their bytes, each followed by one
 * line feed (0x0A) — the last one too; no other bytes. An empty list is zero bytes.
 */
export function entryList(entryCodes: readonly string[]): Result<string, EntryListRejection> {
  const sorted = [...entryCodes].sort(compareAscii);
  for (let i = 0; i < sorted.length; i++) {
    const code = sorted[i] as string;
    if (!ENTRY_CODE_PATTERN.test(code)) return err({ type: "INVALID_ENTRY_CODE", entryCode: code });
    if (i > 0 && sorted[i - 1] === code) return err({ type: "DUPLICATE_ENTRY_CODE", entryCode: code });
  }
  return ok(sorted.map((code) => `${code}\n`).join(""));
}

/** `entryListHash = hex(SHA-256(entry list bytes))`. */
export function entryListHash(hashes: DrawHashes, list: string): string {
  return toHex(hashes.sha256(utf8.encode(list)));
}

/**
 * `drawSeed = SHA-256(secret ‖ entryListHash ‖ beacon)` over raw bytes: the 32 secret bytes,
 * the 32 bytes of the entry-list hash (not its hex), then the beacon's UTF-8 bytes (nothing
 * when there is no beacon).
 */
export function drawSeed(hashes: DrawHashes, secret: Uint8Array, listHashHex: string, beacon: string): Uint8Array {
  const listHash = fromHex(listHashHex);
  if (!listHash || listHash.length !== 32) throw new Error("entry-list hash must be 32 bytes of hex");
  const beaconBytes = utf8.encode(beacon);
  const input = new Uint8Array(secret.length + 32 + beaconBytes.length);
  input.set(secret, 0);
  input.set(listHash, secret.length);
  input.set(beaconBytes, secret.length + 32);
  return hashes.sha256(input);
}

/** One entry's place in the draw. */
export interface RankedEntry {
  readonly entryCode: string;
  /** 1 is drawn first. */
  readonly rank: number;
  /** hex(HMAC-SHA256(drawSeed, entryCode)), the sort key, published so a reader can spot-check. */
  readonly ticket: string;
}

/**
 * Ranks the entries: sorted ascending by `HMAC-SHA256(key = drawSeed, message = entry code
 * bytes)` compared bytewise (equivalently, by its lowercase hex); equal tickets — which
 * would need a SHA-256 collision — fall back to the entry code. Rank 1 is first.
 */
export function rankEntries(hashes: DrawHashes, seed: Uint8Array, entryCodes: readonly string[]): RankedEntry[] {
  const n = entryCodes.length;
  const digests = new Array<Uint8Array>(n);
  // The first 48 bits as a number order almost every pair without touching the rest.
  const leads = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const digest = hashes.hmacSha256(seed, asciiBytes(entryCodes[i] as string));
    digests[i] = digest;
    leads[i] = (digest[0] as number) * 2 ** 40 + (digest[1] as number) * 2 ** 32 + (digest[2] as number) * 2 ** 24 + (digest[3] as number) * 2 ** 16 + (digest[4] as number) * 2 ** 8 + (digest[5] as number);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => leads[a]! - leads[b]! || compareBytes(digests[a]!, digests[b]!) || compareAscii(entryCodes[a]!, entryCodes[b]!));
  const ranked = new Array<RankedEntry>(n);
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    ranked[r] = { entryCode: entryCodes[i] as string, rank: r + 1, ticket: toHex(digests[i] as Uint8Array) };
  }
  return ranked;
}

/** The UTF-8 bytes of a string; entry codes are ASCII, so without an encoder call per code. */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0x7f) return utf8.encode(text);
    bytes[i] = unit;
  }
  return bytes;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A pseudonymous entry code `TV-XXXXX-XXXXX` (Crockford base 32) from at least 7 random
 * bytes (50 bits are used). Random, so the code says nothing about when someone applied.
 */
export function newEntryCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < 7) throw new Error("an entry code needs 7 random bytes");
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(randomBytes[i] as number);
  let out = "";
  for (let i = 0; i < 10; i++) out += CROCKFORD[Number((bits >> BigInt(5 * i)) & 31n)];
  return `TV-${out.slice(0, 5)}-${out.slice(5)}`;
}
