import { randomBytes } from "node:crypto";
import { hashPassword, needsRehash, verifyPassword } from "@terminvergabe/db";

/** Longest password accepted; scrypt's cost hardly depends on length, but bodies should stay small. */
export const MAX_PASSWORD_LENGTH = 1024;

/** The password hash functions (packages/db); a parameter so tests can count and time them. */
export interface Kdf {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  needsRehash(stored: string): boolean;
}

const SCRYPT_KDF: Kdf = { hash: hashPassword, verify: verifyPassword, needsRehash };

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
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /**
   * @param maxConcurrent KDF runs at once per process. One hash costs about a quarter of a
   *   second of CPU; a flood of sign-ins then queues here instead of taking every core (and
   *   every libuv thread) from the booking path.
   */
  constructor(
    private readonly maxConcurrent = 1,
    private readonly kdf: Kdf = SCRYPT_KDF,
  ) {}

  check(password: string, stored: string | null): Promise<PasswordCheck> {
    return this.limited(async () => {
      if (stored === null) {
        await this.kdf.verify(password, await this.dummyHash());
        return { ok: false, upgradedHash: null };
      }
      const ok = await this.kdf.verify(password, stored);
      if (!this.kdf.needsRehash(stored)) return { ok, upgradedHash: null };
      const upgraded = await this.kdf.hash(password);
      return { ok, upgradedHash: ok ? upgraded : null };
    });
  }

  /** Computed once per process; a random password nobody knows. */
  private dummyHash(): Promise<string> {
    this.dummy ??= this.kdf.hash(randomBytes(24).toString("base64url"));
    return this.dummy;
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
