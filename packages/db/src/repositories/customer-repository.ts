import type { Database } from "../client.ts";
import { SqlState, sqlStateOf } from "../sqlstate.ts";
import type { OutboxInsert } from "./booking-records.ts";
import type { CustomerAccount } from "./identity-repository.ts";

/** A customer as sign-in sees them: the account and its password hash. */
export interface CustomerCredentials extends CustomerAccount {
  passwordHash: string;
  locale: string;
}

/** Portal customer accounts (case C): registration with double opt-in, sign-in lookups. */
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
    verifyTokenHash: string;
    verifyExpiresAt: Date;
    now: Date;
    mail: OutboxInsert;
  }): Promise<{ id: string } | "EMAIL_TAKEN"> {
    try {
      return await this.db.transaction(async (sql) => {
        const [row] = await sql.query<{ id: string }>(
          `INSERT INTO "Customer" ("tenantId", email, "emailNormalized", name, "passwordHash", locale, "verifyTokenHash", "verifyExpiresAt", "createdAt")
           VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz) RETURNING id::text AS id`,
          [input.tenantId, input.email, input.emailNormalized, input.name, input.passwordHash, input.locale, input.verifyTokenHash, input.verifyExpiresAt, input.now],
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
}
