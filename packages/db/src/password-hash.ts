import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";

/**
 * scrypt parameters for new password hashes: N = 2^15, r = 8, p = 3, 32-byte key,
 * 16-byte random salt. This is one of OWASP's equivalents of its minimum (N = 2^17, r = 8,
 * p = 1): the same CPU cost with a quarter of the memory (128·N·r = 32 MiB per hash), so the
 * four libuv threads that run concurrent logins need 128 MiB, not 512 MiB, at most.
 * Measured on the 2-core development machine: about 0.27 s of CPU per hash (README "Sign-in and authorization").
 */
export const SCRYPT_PARAMS = { log2N: 15, r: 8, p: 3, keyLength: 32, saltLength: 16 } as const;

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** Parameters of hashes written before 0006_identity ("scrypt$<salt hex>$<hash hex>", Node's defaults). */
const LEGACY_PARAMS: ScryptParams = { log2N: 14, r: 8, p: 1, keyLength: 32 };

/** Bounds that refuse a stored string asking for absurd work (a corrupt or hostile row). */
const MAX_LOG2N = 20;
const MAX_RP = 64;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  return new Promise((resolve, reject) =>
    scryptCb(
      password.normalize("NFC"),
      salt,
      params.keyLength,
      // maxmem must exceed 128·N·r, which is exactly Node's default limit for N = 2^15, r = 8.
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

/** Reads "$scrypt$ln=15,r=8,p=3$<salt b64>$<hash b64>" (PHC string format) or the legacy form. */
function parse(stored: string): ParsedHash | null {
  const phc = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (phc) {
    const [, ln, r, p, salt, hash] = phc;
    const params = { log2N: Number(ln), r: Number(r), p: Number(p), keyLength: 0 };
    if (params.log2N < 1 || params.log2N > MAX_LOG2N || params.r < 1 || params.r > MAX_RP || params.p < 1 || params.p > MAX_RP) return null;
    const hashBytes = Buffer.from(hash!, "base64");
    if (hashBytes.length < 16) return null;
    return { params: { ...params, keyLength: hashBytes.length }, salt: Buffer.from(salt!, "base64"), hash: hashBytes };
  }
  const legacy = /^scrypt\$([0-9a-f]+)\$([0-9a-f]{64})$/.exec(stored);
  if (legacy) return { params: LEGACY_PARAMS, salt: Buffer.from(legacy[1]!, "hex"), hash: Buffer.from(legacy[2]!, "hex") };
  return null;
}

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

/** A new password hash with SCRYPT_PARAMS, as a PHC string. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT_PARAMS.saltLength);
  const hash = await scrypt(password, salt, SCRYPT_PARAMS);
  return `$scrypt$ln=${SCRYPT_PARAMS.log2N},r=${SCRYPT_PARAMS.r},p=${SCRYPT_PARAMS.p}$${b64(salt)}$${b64(hash)}`;
}

/** True when `password` matches `stored` (either format); false for a malformed `stored`. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const hash = await scrypt(password, parsed.salt, parsed.params);
  return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash);
}

/** True when `stored` was written with other parameters than today's: rehash after the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const { log2N, r, p, keyLength } = parsed.params;
  return log2N !== SCRYPT_PARAMS.log2N || r !== SCRYPT_PARAMS.r || p !== SCRYPT_PARAMS.p || keyLength !== SCRYPT_PARAMS.keyLength;
}
