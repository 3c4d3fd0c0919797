import type { Database } from "../client.ts";

/** Tickets of fair waiting rooms; tokens are stored as SHA-256 only. */
export class WaitingRoomRepository {
  constructor(private readonly db: Database) {}

  async addTicket(ticket: { tenantId: string; tokenHash: string; releaseAt: Date; admitAt: Date }): Promise<void> {
    await this.db.sql.query(
      `INSERT INTO "WaitingTicket" ("tenantId", "tokenHash", "releaseAt", "admitAt") VALUES ($1::uuid, $2, $3::timestamptz, $4::timestamptz)`,
      [ticket.tenantId, ticket.tokenHash, ticket.releaseAt, ticket.admitAt],
      "waiting-ticket-add",
    );
  }

  /** The admission time of a ticket of this tenant's release, or null for any other token. */
  async admitAt(tenantId: string, releaseAt: Date, tokenHash: string): Promise<Date | null> {
    const [row] = await this.db.sql.query<{ admitAt: Date | string }>(
      `SELECT "admitAt" FROM "WaitingTicket" WHERE "tokenHash" = $1 AND "tenantId" = $2::uuid AND "releaseAt" = $3::timestamptz`,
      [tokenHash, tenantId, releaseAt],
      "waiting-ticket-admit-at",
    );
    return row ? new Date(row.admitAt) : null;
  }

  /** Deletes tickets of releases that lie more than `keepMs` in the past. */
  async purge(now: Date, keepMs = 86_400_000): Promise<number> {
    const rows = await this.db.sql.query(`DELETE FROM "WaitingTicket" WHERE "releaseAt" < $1::timestamptz RETURNING 1`, [
      new Date(now.getTime() - keepMs),
    ]);
    return rows.length;
  }
}
