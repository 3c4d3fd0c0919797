import type { Database } from "../client.ts";

/** A stored ticket: its lot, and its admission time if it was taken after the release. */
export interface StoredTicket {
  lot: number;
  admitAt: Date | null;
}

/** Tickets of fair waiting rooms; tokens are stored as SHA-256 only. */
export class WaitingRoomRepository {
  constructor(private readonly db: Database) {}

  /** `admitAt`: null for a ticket taken before the release (its lot decides). */
  async addTicket(ticket: { tenantId: string; tokenHash: string; releaseAt: Date; lot: number; admitAt: Date | null }): Promise<void> {
    await this.db.sql.query(
      `INSERT INTO "WaitingTicket" ("tenantId", "tokenHash", "releaseAt", "lot", "admitAt") VALUES ($1::uuid, $2, $3::timestamptz, $4, $5::timestamptz)`,
      [ticket.tenantId, ticket.tokenHash, ticket.releaseAt, ticket.lot, ticket.admitAt],
      "waiting-ticket-add",
    );
  }

  /** A ticket of this tenant's release, or null for any other token. */
  async ticket(tenantId: string, releaseAt: Date, tokenHash: string): Promise<StoredTicket | null> {
    const [row] = await this.db.sql.query<{ lot: number | string; admitAt: Date | string | null }>(
      `SELECT "lot", "admitAt" FROM "WaitingTicket" WHERE "tokenHash" = $1 AND "tenantId" = $2::uuid AND "releaseAt" = $3::timestamptz`,
      [tokenHash, tenantId, releaseAt],
      "waiting-ticket-get",
    );
    return row ? { lot: Number(row.lot), admitAt: row.admitAt === null ? null : new Date(row.admitAt) } : null;
  }

  /** How many tickets of the release were drawn (taken before it) and queued (taken after it). */
  async queue(tenantId: string, releaseAt: Date): Promise<{ drawn: number; late: number }> {
    const [row] = await this.db.sql.query<{ drawn: number | string; late: number | string }>(
      `SELECT count(*) FILTER (WHERE "admitAt" IS NULL) AS drawn, count(*) FILTER (WHERE "admitAt" IS NOT NULL) AS late
         FROM "WaitingTicket" WHERE "tenantId" = $1::uuid AND "releaseAt" = $2::timestamptz`,
      [tenantId, releaseAt],
      "waiting-ticket-queue",
    );
    return { drawn: Number(row?.drawn ?? 0), late: Number(row?.late ?? 0) };
  }

  /** Deletes tickets of releases that lie more than `keepMs` in the past. */
  async purge(now: Date, keepMs = 86_400_000): Promise<number> {
    const rows = await this.db.sql.query(`DELETE FROM "WaitingTicket" WHERE "releaseAt" < $1::timestamptz RETURNING 1`, [
      new Date(now.getTime() - keepMs),
    ]);
    return rows.length;
  }
}
