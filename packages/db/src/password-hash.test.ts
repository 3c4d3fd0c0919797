import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "./password-hash.ts";

/** A hash as the seed wrote it before 0006_identity: Node's default scrypt, hex. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString("hex")}$${scryptSync(password, salt, 32).toString("hex")}`;
}

describe("password hashes", () => {
  it("verify the password they were made from, and no other", async () => {
    const stored = await hashPassword("demo-passwort");
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword("demo-passwort", stored)).toBe(true);
    expect(await verifyPassword("demo-Passwort", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("salt every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("treat composed and decomposed umlauts alike (NFC)", async () => {
    const stored = await hashPassword("Grüße");
    expect(await verifyPassword("Gru\u0308ße", stored)).toBe(true);
  });

  it("still verify hashes of the old format and ask for a rehash", async () => {
    const stored = legacyHash("demo-passwort");
    expect(await verifyPassword("demo-passwort", stored)).toBe(true);
    expect(await verifyPassword("falsch", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
  });

  it("refuse malformed or hostile stored strings without throwing", async () => {
    for (const stored of ["", "!", "scrypt$zz$zz", "$scrypt$ln=40,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "$argon2id$v=19$m=1,t=1,p=1$AA$AA"]) {
      expect(await verifyPassword("x", stored)).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it("documents its parameters", () => {
    expect(SCRYPT_PARAMS).toEqual({ log2N: 15, r: 8, p: 3, keyLength: 32, saltLength: 16 });
  });
});
