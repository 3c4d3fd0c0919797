import { rolesOf } from "@terminvergabe/core";
import { hashToken, type IdentityRepository, newToken } from "@terminvergabe/db";
import { ANONYMOUS, type Viewer } from "./viewer.ts";

export interface SessionPolicy {
  /** A session unused this long ends (idle expiry). */
  idleMs: number;
  /** A session ends this long after sign-in, however active (absolute expiry). */
  absoluteMs: number;
  /** lastSeenAt is written at most this often, so a busy desk does not write on every request. */
  touchEveryMs: number;
}

/** 30 minutes idle, one working day absolute. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, touchEveryMs: 60_000 };

/** Our tokens: 32 random bytes, base64url (43 characters). Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type SessionSubject = { staffUserId: string } | { customerId: string };

export interface StartedSession {
  id: string;
  /** Shown once: to the browser as a cookie or to the API client; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

/** Sessions: 256-bit random tokens, stored as SHA-256, with idle and absolute expiry. */
export class SessionService {
  constructor(
    private readonly repository: IdentityRepository,
    private readonly clock: () => Date,
    readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  async start(tenantId: string, subject: SessionSubject, method: "password" | "oidc"): Promise<StartedSession> {
    const now = this.clock();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + this.policy.absoluteMs);
    if ("staffUserId" in subject) {
      await this.repository.deleteDeadStaffSessions(tenantId, subject.staffUserId, now, this.idleSince(now));
    }
    const { id } = await this.repository.createSession({ tenantId, tokenHash: hashToken(token), subject, expiresAt, now, method });
    return { id, token, expiresAt };
  }

  /** The viewer a token stands for; anonymous for an unknown, expired or idle session. */
  async viewer(token: string, via: "cookie" | "bearer"): Promise<Viewer> {
    if (!TOKEN_SHAPE.test(token)) return ANONYMOUS;
    const now = this.clock();
    const session = await this.repository.liveSession(hashToken(token), now, this.idleSince(now));
    if (!session) return ANONYMOUS;
    if (now.getTime() - session.lastSeenAt.getTime() >= this.policy.touchEveryMs) {
      await this.repository.touchSession(session.id, now, new Date(now.getTime() - this.policy.touchEveryMs));
    }
    const ref = { id: session.id, expiresAt: session.expiresAt, via };
    const subject = session.subject;
    if (subject.kind === "staff") {
      const user = subject.user;
      return { kind: "staff", tenantId: session.tenantId, userId: user.id, roles: rolesOf(user.role), user, session: ref };
    }
    return { kind: "customer", tenantId: session.tenantId, customerId: subject.customer.id, customer: subject.customer, session: ref };
  }

  /** Ends the session of this token; false when there was none. */
  async end(token: string): Promise<boolean> {
    if (!TOKEN_SHAPE.test(token)) return false;
    return this.repository.deleteSession(hashToken(token), this.clock());
  }

  /** Retention: deletes sessions past either expiry and abandoned single sign-on flows; returns how many. */
  purgeExpired(): Promise<number> {
    const now = this.clock();
    return this.repository.deleteExpired(now, this.idleSince(now));
  }

  private idleSince(now: Date): Date {
    return new Date(now.getTime() - this.policy.idleMs);
  }
}
