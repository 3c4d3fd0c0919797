import { parseRoleMapping, type StaffRole } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import type { StaffUser as StaffUserRow } from "../generated/prisma/client.ts";

/** A staff member as sign-in and authorization see them. */
export interface StaffAccount {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  /** null: the user signs in only through the tenant's single sign-on. */
  passwordHash: string | null;
  oidcSubject: string | null;
}

export interface CustomerAccount {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  verified: boolean;
}

/** A live session and whom it belongs to. */
export interface SessionRecord {
  id: string;
  tenantId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  subject: { kind: "staff"; user: StaffAccount } | { kind: "customer"; customer: CustomerAccount };
}

export interface NewSession {
  tenantId: string;
  tokenHash: string;
  subject: { staffUserId: string } | { customerId: string };
  expiresAt: Date;
  now: Date;
  /** How the subject proved who they are; written to the audit log with the session. */
  method: "password" | "oidc";
}

/** Audit-log fields of a session's subject ("staff:<id>" / "customer:<id>"). */
function auditSubject(subject: { staffUserId?: string | null; customerId?: string | null }) {
  return subject.staffUserId
    ? { actor: `staff:${subject.staffUserId}`, entityType: "StaffUser", entityId: subject.staffUserId }
    : { actor: `customer:${subject.customerId}`, entityType: "Customer", entityId: subject.customerId ?? "" };
}

/** A tenant's OpenID Connect single sign-on for staff. */
export interface SsoConfig {
  tenantId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  roleClaim: string;
  roleMapping: Record<string, StaffRole>;
  provisionUsers: boolean;
  enabled: boolean;
}

export interface OidcLoginState {
  stateHash: string;
  tenantId: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: Date;
}

export function toStaff(row: StaffUserRow): StaffAccount {
  return {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    passwordHash: row.passwordHash,
    oidcSubject: row.oidcSubject,
  };
}

/**
 * Staff users, customers' credentials, sessions and single sign-on. Every read names the
 * tenant except the session lookup, whose token hash is unique across tenants and which
 * returns the tenant it belongs to.
 */
export class IdentityRepository {
  constructor(private readonly db: Database) {}

  /** The staff user with this e-mail address in the tenant (case-insensitive), active or not. */
  async staffByEmail(tenantId: string, email: string): Promise<StaffAccount | null> {
    const row = await this.db.prisma.staffUser.findFirst({
      where: { tenantId, email: { equals: email.trim(), mode: "insensitive" } },
      orderBy: { createdAt: "asc" },
    });
    return row ? toStaff(row) : null;
  }

  /** The tenant's staff, active ones first, by name. */
  async staffOfTenant(tenantId: string): Promise<StaffAccount[]> {
    const rows = await this.db.prisma.staffUser.findMany({ where: { tenantId }, orderBy: [{ active: "desc" }, { name: "asc" }] });
    return rows.map(toStaff);
  }

  async staffById(tenantId: string, id: string): Promise<StaffAccount | null> {
    const row = await this.db.prisma.staffUser.findUnique({ where: { tenantId_id: { tenantId, id } } });
    return row ? toStaff(row) : null;
  }

  async staffBySubject(tenantId: string, oidcSubject: string): Promise<StaffAccount | null> {
    const row = await this.db.prisma.staffUser.findUnique({ where: { tenantId_oidcSubject: { tenantId, oidcSubject } } });
    return row ? toStaff(row) : null;
  }

  async setStaffPasswordHash(tenantId: string, id: string, passwordHash: string): Promise<void> {
    await this.db.prisma.staffUser.update({ where: { tenantId_id: { tenantId, id } }, data: { passwordHash } });
  }

  /** After a single sign-on: remember the provider's subject and take the role it granted. */
  async linkStaffSubject(tenantId: string, id: string, oidcSubject: string, role: StaffRole): Promise<StaffAccount> {
    const row = await this.db.prisma.staffUser.update({ where: { tenantId_id: { tenantId, id } }, data: { oidcSubject, role } });
    return toStaff(row);
  }

  /** A staff user first seen through single sign-on (no password); audited as created by the provider's word. */
  async createSsoStaff(input: { tenantId: string; email: string; name: string; role: StaffRole; oidcSubject: string }): Promise<StaffAccount> {
    const row = await this.db.prisma.$transaction(async (tx) => {
      const user = await tx.staffUser.create({ data: { ...input, passwordHash: null } });
      await tx.auditLog.create({
        data: { tenantId: input.tenantId, actor: `staff:${user.id}`, action: "staff.created_by_sso", entityType: "StaffUser", entityId: user.id, data: { role: input.role } },
      });
      return user;
    });
    return toStaff(row);
  }

  /** Creates the session and its "signed in" audit entry together. */
  async createSession(input: NewSession): Promise<{ id: string }> {
    const [row] = await this.db.prisma.$transaction([
      this.db.prisma.session.create({
        data: {
          tenantId: input.tenantId,
          tokenHash: input.tokenHash,
          ...input.subject,
          expiresAt: input.expiresAt,
          lastSeenAt: input.now,
          createdAt: input.now,
        },
        select: { id: true },
      }),
      this.db.prisma.auditLog.create({
        data: { tenantId: input.tenantId, at: input.now, ...auditSubject(input.subject), action: "session.signed_in", data: { method: input.method } },
      }),
    ]);
    return row;
  }

  /**
   * The live session with this token hash: before its absolute expiry, used since
   * `idleSince`, and its staff user still active. Anything else is no session.
   */
  async liveSession(tokenHash: string, now: Date, idleSince: Date): Promise<SessionRecord | null> {
    const row = await this.db.prisma.session.findFirst({
      where: { tokenHash, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } },
      include: { staffUser: true, customer: true },
    });
    if (!row) return null;
    const base = { id: row.id, tenantId: row.tenantId, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt };
    if (row.staffUser) {
      if (!row.staffUser.active) return null;
      return { ...base, subject: { kind: "staff", user: toStaff(row.staffUser) } };
    }
    if (row.customer) {
      const c = row.customer;
      return {
        ...base,
        subject: { kind: "customer", customer: { id: c.id, tenantId: c.tenantId, email: c.email, name: c.name, verified: c.verifiedAt !== null } },
      };
    }
    return null;
  }

  /** Moves the idle timeout on; a no-op when the session was touched after `unless`. */
  async touchSession(id: string, now: Date, unlessSince: Date): Promise<void> {
    await this.db.prisma.session.updateMany({ where: { id, lastSeenAt: { lt: unlessSince } }, data: { lastSeenAt: now } });
  }

  /** Ends a session (audited as signed out); false when there was none. */
  async deleteSession(tokenHash: string, now: Date): Promise<boolean> {
    return this.db.prisma.$transaction(async (tx) => {
      const [session] = await tx.session.findMany({ where: { tokenHash } });
      if (!session) return false;
      const { count } = await tx.session.deleteMany({ where: { id: session.id } });
      if (count === 0) return false;
      await tx.auditLog.create({ data: { tenantId: session.tenantId, at: now, ...auditSubject(session), action: "session.signed_out" } });
      return true;
    });
  }

  /** Drops a staff user's sessions that can no longer be used (run at each sign-in, so they cannot pile up). */
  async deleteDeadStaffSessions(tenantId: string, staffUserId: string, now: Date, idleSince: Date): Promise<void> {
    await this.db.prisma.session.deleteMany({
      where: { tenantId, staffUserId, OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleSince } }] },
    });
  }

  /** Retention: every session past its absolute or idle expiry, and finished sign-in flows. */
  async deleteExpired(now: Date, idleSince: Date): Promise<number> {
    const sessions = await this.db.prisma.session.deleteMany({
      where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleSince } }] },
    });
    const flows = await this.db.prisma.oidcLoginState.deleteMany({ where: { expiresAt: { lte: now } } });
    return sessions.count + flows.count;
  }

  async ssoConfig(tenantId: string): Promise<SsoConfig | null> {
    const row = await this.db.prisma.tenantSso.findUnique({ where: { tenantId } });
    if (!row) return null;
    return {
      tenantId: row.tenantId,
      issuer: row.issuer,
      clientId: row.clientId,
      clientSecret: row.clientSecret,
      scopes: row.scopes,
      roleClaim: row.roleClaim,
      roleMapping: parseRoleMapping(row.roleMapping),
      provisionUsers: row.provisionUsers,
      enabled: row.enabled,
    };
  }

  async saveSsoConfig(config: SsoConfig): Promise<void> {
    const { tenantId, ...data } = config;
    await this.db.prisma.tenantSso.upsert({ where: { tenantId }, create: config, update: data });
  }

  async saveOidcLoginState(state: OidcLoginState): Promise<void> {
    await this.db.prisma.oidcLoginState.create({ data: state });
  }

  /** Takes (deletes and returns) a sign-in flow's state: each state can be redeemed once. */
  async takeOidcLoginState(stateHash: string, now: Date): Promise<OidcLoginState | null> {
    const rows = await this.db.prisma.oidcLoginState.findMany({ where: { stateHash } });
    const row = rows[0];
    if (!row) return null;
    const { count } = await this.db.prisma.oidcLoginState.deleteMany({ where: { stateHash } });
    if (count === 0 || row.expiresAt <= now) return null;
    return { stateHash: row.stateHash, tenantId: row.tenantId, nonce: row.nonce, codeVerifier: row.codeVerifier, expiresAt: row.expiresAt };
  }
}
