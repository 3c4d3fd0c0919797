import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** SHA-256 hex of a secret token; tokens are stored only in this form. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests of equal meaning. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A new unguessable token: 32 random bytes (256 bits), base64url. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * A second token derived from a secret token for one purpose (HMAC-SHA256 keyed with the
 * token): whoever holds the token can derive it again, nobody else can — not even from the
 * stored hashes, which are SHA-256 of each token. A confirmation's manage token is derived
 * from the hold token, so a retried confirmation can hand the same manage link out again
 * without the link ever being stored in usable form.
 */
export function deriveToken(token: string, purpose: string): string {
  return createHmac("sha256", token).update(purpose, "utf8").digest("base64url");
}
