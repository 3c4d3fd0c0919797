import { randomBytes } from "node:crypto";
import { hashPassword, needsRehash, verifyPassword } from "@terminvergabe/db";

/** Longest password accepted; scrypt's cost hardly depends on length, but bodies should stay small. */
export const MAX_PASSWORD_LENGTH = 1024;

export interface PasswordCheck {
  ok: boolean;
  /** A fresh hash with today's parameters when the stored one is outdated and the password matched. */
  upgradedHash: string | null;
}

/**
 * Verifies passwords so that an unknown account, an SSO-only account and a wrong password
 * cost the same: when there is no stored hash, a dummy hash with today's parameters is
 * verified instead, and the answer is always "no". An outdated hash (cheaper parameters)
 * is followed by a hash with today's parameters, matched or not, so it is not faster either.
 */
export class PasswordChecker {
  private dummy: Promise<string> | undefined;

  async check(password: string, stored: string | null): Promise<PasswordCheck> {
    if (stored === null) {
      await verifyPassword(password, await this.dummyHash());
      return { ok: false, upgradedHash: null };
    }
    const ok = await verifyPassword(password, stored);
    if (!needsRehash(stored)) return { ok, upgradedHash: null };
    const upgraded = await hashPassword(password);
    return { ok, upgradedHash: ok ? upgraded : null };
  }

  /** Computed once per process; a random password nobody knows. */
  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(24).toString("base64url"));
    return this.dummy;
  }
}
