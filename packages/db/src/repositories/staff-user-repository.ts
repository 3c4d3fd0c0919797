import type { StaffRole } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import { SqlState, sqlStateOf } from "../sqlstate.ts";
import type { OutboxInsert } from "./booking-records.ts";
import { type StaffAccount, toStaff } from "./identity-repository.ts";

export interface StaffInvitation {
  tenantId: string;
  email: string;
  name: string;
  role: StaffRole;
  /** SHA-256 of the set-password link's token; the token itself is only in the mail. */
  tokenHash: string;
  expiresAt: Date;
  now: Date;
  actor: string;
  /** The invitation mail, queued in the same transaction. */
  mail: OutboxInsert;
}

/**
 * Staff invitations: an admin adds a colleague by e-mail; the colleague sets a password
 * through a single-use, expiring link. Sign-in and sessions stay the identity's.
 */
export class StaffUserRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates the invited user (no password yet) with the token hash, queues the mail and
   * audits, in one transaction. Inviting an address again whose invitation was never used
   * renews it (new token, name and role); any other existing user is "EMAIL_TAKEN".
   */
  async invite(input: StaffInvitation): Promise<StaffAccount | "EMAIL_TAKEN"> {
    try {
      return await this.db.prisma.$transaction(async (tx) => {
        const existing = await tx.staffUser.findFirst({ where: { tenantId: input.tenantId, email: { equals: input.email, mode: "insensitive" } } });
        const pending = existing && existing.passwordHash === null && existing.oidcSubject === null && existing.inviteTokenHash !== null;
        if (existing && !pending) return "EMAIL_TAKEN" as const;
        const data = { name: input.name, role: input.role, active: true, inviteTokenHash: input.tokenHash, inviteExpiresAt: input.expiresAt };
        const user = existing
          ? await tx.staffUser.update({ where: { id: existing.id }, data })
          : await tx.staffUser.create({ data: { tenantId: input.tenantId, email: input.email, passwordHash: null, ...data } });
        const m = input.mail;
        await tx.mailOutbox.create({
          data: { tenantId: input.tenantId, kind: m.kind, toAddress: m.toAddress, subject: m.subject, textBody: m.textBody, htmlBody: m.htmlBody, icsMethod: m.icsMethod, icsContent: m.icsContent },
        });
        await tx.auditLog.create({
          data: {
            tenantId: input.tenantId,
            at: input.now,
            actor: input.actor,
            action: existing ? "staffUser.reinvited" : "staffUser.invited",
            entityType: "StaffUser",
            entityId: user.id,
            data: {
              before: existing ? { name: existing.name, role: existing.role, active: existing.active } : null,
              after: { email: user.email, name: user.name, role: user.role, active: user.active, inviteExpiresAt: input.expiresAt.toISOString() },
            },
          },
        });
        return toStaff(user);
      });
    } catch (error) {
      if (sqlStateOf(error) === SqlState.uniqueViolation || (error as { code?: unknown }).code === "P2002") return "EMAIL_TAKEN";
      throw error;
    }
  }

  /**
   * Uses an invitation's token once: sets the password hash and clears the token, for an
   * active user whose invitation has not lapsed. Null for an unknown, used or lapsed token.
   */
  async acceptInvitation(tenantId: string, tokenHash: string, passwordHash: string, now: Date): Promise<StaffAccount | null> {
    return this.db.prisma.$transaction(async (tx) => {
      const found = await tx.staffUser.findFirst({ where: { tenantId, inviteTokenHash: tokenHash, inviteExpiresAt: { gt: now }, active: true } });
      if (!found) return null;
      // Guarded by the token: of two uses at once, the second finds it cleared.
      const changed = await tx.staffUser.updateMany({ where: { id: found.id, inviteTokenHash: tokenHash }, data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null } });
      if (changed.count !== 1) return null;
      const user = { ...found, passwordHash, inviteTokenHash: null, inviteExpiresAt: null };
      await tx.auditLog.create({
        data: { tenantId, at: now, actor: `staff:${user.id}`, action: "staffUser.passwordSet", entityType: "StaffUser", entityId: user.id, data: { after: { invitation: "accepted" } } },
      });
      return toStaff(user);
    });
  }

  /** Whether a token names an unused, unexpired invitation of an active user (cheap: ask before hashing a password). */
  async invitationOpen(tenantId: string, tokenHash: string, now: Date): Promise<boolean> {
    return (await this.db.prisma.staffUser.count({ where: { tenantId, inviteTokenHash: tokenHash, inviteExpiresAt: { gt: now }, active: true } })) === 1;
  }

  /** Whether the user has an invitation not yet used (and until when it holds). */
  async pendingInvitations(tenantId: string): Promise<Map<string, Date>> {
    const rows = await this.db.prisma.staffUser.findMany({ where: { tenantId, inviteTokenHash: { not: null } }, select: { id: true, inviteExpiresAt: true } });
    return new Map(rows.filter((r) => r.inviteExpiresAt).map((r) => [r.id, r.inviteExpiresAt!]));
  }
}
