import type { Database } from "../client.ts";
import type { SqlClient } from "../sql-executor.ts";
import { SqlState, sqlStateOf } from "../sqlstate.ts";
import type { OutboxInsert } from "./booking-records.ts";
import type { CustomerAccount } from "./identity-repository.ts";

/** A customer as sign-in sees them: the account and its password hash. */
export interface CustomerCredentials extends CustomerAccount {
  passwordHash: string;
  locale: string;
}

/** A notification of the portal's list (one per lottery mail the customer was sent). */
export interface CustomerNotificationRecord {
  id: string;
  tenantId: string;
  customerId: string;
  campaignId: string | null;
  applicationId: string | null;
  kind: string;
  subject: string;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

async function insertOutbox(sql: SqlClient, tenantId: string, m: OutboxInsert): Promise<void> {
  await sql.query(
    `INSERT INTO "MailOutbox" ("tenantId", kind, "toAddress", subject, "textBody", "htmlBody", "icsMethod", "icsContent") VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8)`,
    [tenantId, m.kind, m.toAddress, m.subject, m.textBody, m.htmlBody, m.icsMethod, m.icsContent],
  );
}

async function auditCustomer(sql: SqlClient, tenantId: string, customerId: string, at: Date, action: string, data: unknown = {}): Promise<void> {
  await sql.query(
    `INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data) VALUES ($1::uuid, $2::timestamptz, $3, $4, 'Customer', $5, $6::jsonb)`,
    [tenantId, at, `customer:${customerId}`, action, customerId, JSON.stringify(data)],
  );
}

/**
 * Portal customer accounts (case C): registration with double opt-in, sign-in lookups,
 * forgotten password, e-mail change, deletion and the notification list. Every link token
 * is stored as its SHA-256 only, used once and expires.
 */
export class CustomerRepository {
  constructor(private readonly db: Database) {}

  /**
   * A new, unverified account with the hash of its opt-in token and the opt-in mail, in one
   * transaction. "EMAIL_TAKEN" when the tenant has an account for the address already.
   */
  async register(input: {
    tenantId: string;
    email: string;
    emailNormalized: string;
    name: string;
    passwordHash: string;
    locale: string;
    membershipNumber?: string | null;
    verifyTokenHash: string;
    verifyExpiresAt: Date;
    now: Date;
    mail: OutboxInsert;
  }): Promise<{ id: string } | "EMAIL_TAKEN"> {
    try {
      return await this.db.transaction(async (sql) => {
        const [row] = await sql.query<{ id: string }>(
          `INSERT INTO "Customer" ("tenantId", email, "emailNormalized", name, "passwordHash", locale, "verifyTokenHash", "verifyExpiresAt", "createdAt", "membershipNumber")
           VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10) RETURNING id::text AS id`,
          [input.tenantId, input.email, input.emailNormalized, input.name, input.passwordHash, input.locale, input.verifyTokenHash, input.verifyExpiresAt, input.now, input.membershipNumber ?? null],
        );
        const m = input.mail;
        await sql.query(
          `INSERT INTO "MailOutbox" ("tenantId", kind, "toAddress", subject, "textBody", "htmlBody", "icsMethod", "icsContent") VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8)`,
          [input.tenantId, m.kind, m.toAddress, m.subject, m.textBody, m.htmlBody, m.icsMethod, m.icsContent],
        );
        await sql.query(
          `INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data) VALUES ($1::uuid, $2::timestamptz, $3, 'customer.registered', 'Customer', $4, '{}')`,
          [input.tenantId, input.now, `customer:${row!.id}`, row!.id],
        );
        return { id: row!.id };
      });
    } catch (error) {
      if (sqlStateOf(error) === SqlState.uniqueViolation) return "EMAIL_TAKEN";
      throw error;
    }
  }

  /** Uses an opt-in token once: marks the account verified. Null for an unknown, used or lapsed token. */
  async verify(tenantId: string, tokenHash: string, now: Date): Promise<CustomerAccount | null> {
    const [row] = await this.db.sql.query<{ id: string; email: string; name: string }>(
      `UPDATE "Customer" SET "verifiedAt" = $3::timestamptz, "verifyTokenHash" = NULL, "verifyExpiresAt" = NULL
        WHERE "tenantId" = $1::uuid AND "verifyTokenHash" = $2 AND "verifyExpiresAt" > $3::timestamptz
        RETURNING id::text AS id, email, name`,
      [tenantId, tokenHash, now],
    );
    return row ? { id: row.id, tenantId, email: row.email, name: row.name, verified: true } : null;
  }

  async byEmail(tenantId: string, emailNormalized: string): Promise<CustomerCredentials | null> {
    const [row] = await this.db.sql.query<{ id: string; email: string; name: string; passwordHash: string; locale: string; verifiedAt: unknown }>(
      `SELECT id::text AS id, email, name, "passwordHash", locale, "verifiedAt" FROM "Customer" WHERE "tenantId" = $1::uuid AND "emailNormalized" = $2`,
      [tenantId, emailNormalized],
    );
    return row ? { id: row.id, tenantId, email: row.email, name: row.name, passwordHash: row.passwordHash, locale: row.locale, verified: row.verifiedAt !== null } : null;
  }

  async setPasswordHash(tenantId: string, id: string, passwordHash: string): Promise<void> {
    await this.db.sql.query(`UPDATE "Customer" SET "passwordHash" = $3 WHERE "tenantId" = $1::uuid AND id = $2::uuid`, [tenantId, id, passwordHash]);
  }

  async byId(tenantId: string, id: string): Promise<CustomerCredentials | null> {
    const [row] = await this.db.sql.query<{ id: string; email: string; name: string; passwordHash: string; locale: string; verifiedAt: unknown }>(
      `SELECT id::text AS id, email, name, "passwordHash", locale, "verifiedAt" FROM "Customer" WHERE "tenantId" = $1::uuid AND id = $2::uuid`,
      [tenantId, id],
    );
    return row ? { id: row.id, tenantId, email: row.email, name: row.name, passwordHash: row.passwordHash, locale: row.locale, verified: row.verifiedAt !== null } : null;
  }

  /**
   * Stores the hash of a new forgotten-password token (replacing any earlier one, so only the
   * newest link works) and queues its mail, in one transaction. False for an unknown address.
   */
  async requestReset(input: { tenantId: string; emailNormalized: string; tokenHash: string; expiresAt: Date; now: Date; mail: (to: { email: string; name: string; locale: string }) => OutboxInsert }): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const [row] = await sql.query<{ id: string; email: string; name: string; locale: string }>(
        `UPDATE "Customer" SET "resetTokenHash" = $3, "resetExpiresAt" = $4::timestamptz
          WHERE "tenantId" = $1::uuid AND "emailNormalized" = $2 RETURNING id::text AS id, email, name, locale`,
        [input.tenantId, input.emailNormalized, input.tokenHash, input.expiresAt],
      );
      if (!row) return false;
      await insertOutbox(sql, input.tenantId, input.mail(row));
      await auditCustomer(sql, input.tenantId, row.id, input.now, "customer.password_reset_requested");
      return true;
    });
  }

  /**
   * Uses a forgotten-password token once: sets the new hash, marks the address verified (the
   * link proved it), and ends every session of the account. Null for an unknown, used or lapsed token.
   */
  async resetPassword(tenantId: string, tokenHash: string, passwordHash: string, now: Date): Promise<{ id: string } | null> {
    return this.db.transaction(async (sql) => {
      const [row] = await sql.query<{ id: string }>(
        `UPDATE "Customer" SET "passwordHash" = $3, "resetTokenHash" = NULL, "resetExpiresAt" = NULL, "verifiedAt" = coalesce("verifiedAt", $4::timestamptz),
                "verifyTokenHash" = NULL, "verifyExpiresAt" = NULL
          WHERE "tenantId" = $1::uuid AND "resetTokenHash" = $2 AND "resetExpiresAt" > $4::timestamptz RETURNING id::text AS id`,
        [tenantId, tokenHash, passwordHash, now],
      );
      if (!row) return null;
      await sql.query(`DELETE FROM "Session" WHERE "tenantId" = $1::uuid AND "customerId" = $2::uuid`, [tenantId, row.id]);
      await auditCustomer(sql, tenantId, row.id, now, "customer.password_reset");
      return row;
    });
  }

  /** A new password of a signed-in customer; every other session of the account ends. */
  async changePassword(tenantId: string, id: string, passwordHash: string, keepSessionId: string, now: Date): Promise<void> {
    await this.db.transaction(async (sql) => {
      await sql.query(`UPDATE "Customer" SET "passwordHash" = $3, "resetTokenHash" = NULL, "resetExpiresAt" = NULL WHERE "tenantId" = $1::uuid AND id = $2::uuid`, [
        tenantId, id, passwordHash,
      ]);
      await sql.query(`DELETE FROM "Session" WHERE "tenantId" = $1::uuid AND "customerId" = $2::uuid AND id <> $3::uuid`, [tenantId, id, keepSessionId]);
      await auditCustomer(sql, tenantId, id, now, "customer.password_changed");
    });
  }

  /**
   * Records a requested new address with the hash of the link token mailed to it (the old
   * address stays in use until the link is followed). "EMAIL_TAKEN" when another account has it.
   */
  async requestEmailChange(input: { tenantId: string; id: string; email: string; emailNormalized: string; tokenHash: string; expiresAt: Date; now: Date; mail: OutboxInsert }): Promise<"OK" | "EMAIL_TAKEN"> {
    return this.db.transaction(async (sql) => {
      const [taken] = await sql.query(`SELECT 1 FROM "Customer" WHERE "tenantId" = $1::uuid AND "emailNormalized" = $2`, [input.tenantId, input.emailNormalized]);
      if (taken) return "EMAIL_TAKEN" as const;
      await sql.query(
        `UPDATE "Customer" SET "pendingEmail" = $3, "emailChangeTokenHash" = $4, "emailChangeExpiresAt" = $5::timestamptz WHERE "tenantId" = $1::uuid AND id = $2::uuid`,
        [input.tenantId, input.id, input.email, input.tokenHash, input.expiresAt],
      );
      await insertOutbox(sql, input.tenantId, input.mail);
      await auditCustomer(sql, input.tenantId, input.id, input.now, "customer.email_change_requested");
      return "OK" as const;
    });
  }

  /** Uses an e-mail change token once: the pending address becomes the account's. */
  async confirmEmailChange(tenantId: string, tokenHash: string, now: Date): Promise<{ id: string; email: string } | "INVALID" | "EMAIL_TAKEN"> {
    try {
      return await this.db.transaction(async (sql) => {
        const [row] = await sql.query<{ id: string; email: string }>(
          `UPDATE "Customer" SET email = "pendingEmail", "emailNormalized" = lower("pendingEmail"), "pendingEmail" = NULL,
                  "emailChangeTokenHash" = NULL, "emailChangeExpiresAt" = NULL, "verifiedAt" = coalesce("verifiedAt", $3::timestamptz)
            WHERE "tenantId" = $1::uuid AND "emailChangeTokenHash" = $2 AND "emailChangeExpiresAt" > $3::timestamptz AND "pendingEmail" IS NOT NULL
            RETURNING id::text AS id, email`,
          [tenantId, tokenHash, now],
        );
        if (!row) return "INVALID" as const;
        await auditCustomer(sql, tenantId, row.id, now, "customer.email_changed");
        return row;
      });
    } catch (error) {
      if (sqlStateOf(error) === SqlState.uniqueViolation) return "EMAIL_TAKEN";
      throw error;
    }
  }

  /** Live bookings of the account that start after `now` (cancelled with notice when it is deleted). */
  async liveBookingIds(tenantId: string, id: string, now: Date): Promise<string[]> {
    const rows = await this.db.sql.query<{ id: string }>(
      `SELECT id::text AS id FROM "Booking" WHERE "tenantId" = $1::uuid AND "customerId" = $2::uuid
          AND status IN ('HELD', 'PENDING_VERIFICATION', 'CONFIRMED') AND "endsAt" > $3::timestamptz`,
      [tenantId, id, now],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Erases the account (GDPR): past bookings keep their own contact data but lose the link to
   * the account, sessions, applications and notifications go with it. The audit entry names
   * only the id. The caller has withdrawn, declined or cancelled what was open first.
   */
  async delete(tenantId: string, id: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      await sql.query(`UPDATE "Booking" SET "customerId" = NULL WHERE "tenantId" = $1::uuid AND "customerId" = $2::uuid`, [tenantId, id]);
      const rows = await sql.query(`DELETE FROM "Customer" WHERE "tenantId" = $1::uuid AND id = $2::uuid RETURNING 1`, [tenantId, id]);
      if (rows.length === 0) return false;
      await auditCustomer(sql, tenantId, id, now, "customer.deleted");
      return true;
    });
  }

  /** The newest notifications first. */
  async notifications(tenantId: string, customerId: string, limit: number): Promise<CustomerNotificationRecord[]> {
    const rows = await this.db.sql.query<Record<string, unknown>>(
      `SELECT id::text AS id, "campaignId"::text AS "campaignId", "applicationId"::text AS "applicationId", kind, subject, data, "createdAt", "readAt"
         FROM "CustomerNotification" WHERE "tenantId" = $1::uuid AND "customerId" = $2::uuid ORDER BY "createdAt" DESC, id LIMIT $3`,
      [tenantId, customerId, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      tenantId,
      customerId,
      campaignId: (r.campaignId as string | null) ?? null,
      applicationId: (r.applicationId as string | null) ?? null,
      kind: r.kind as string,
      subject: r.subject as string,
      data: (typeof r.data === "string" ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
      createdAt: new Date(r.createdAt as string),
      readAt: r.readAt ? new Date(r.readAt as string) : null,
    }));
  }

  /** Marks the customer's notifications read (all of them, or those named); returns how many changed. */
  async markNotificationsRead(tenantId: string, customerId: string, ids: readonly string[] | null, now: Date): Promise<number> {
    const rows = await this.db.sql.query(
      `UPDATE "CustomerNotification" SET "readAt" = $3::timestamptz
        WHERE "tenantId" = $1::uuid AND "customerId" = $2::uuid AND "readAt" IS NULL AND ($4::text IS NULL OR id::text = ANY(string_to_array($4, ',')))
        RETURNING 1`,
      [tenantId, customerId, now, ids === null ? null : ids.join(",")],
    );
    return rows.length;
  }
}
