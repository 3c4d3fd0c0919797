import type { ApplicationState, CampaignStatus, LotteryPreferences } from "@terminvergabe/core";
import type { Database } from "../client.ts";
import type { SqlClient } from "../sql-executor.ts";
import { SqlState, sqlStateOf } from "../sqlstate.ts";
import type { OutboxInsert } from "./booking-records.ts";

/** A lottery campaign as the gateway sees it; the secret only travels to the draw. */
export interface CampaignRecord {
  id: string;
  tenantId: string;
  slug: string;
  name: Record<string, string>;
  officeId: string;
  serviceId: string;
  status: CampaignStatus;
  applicationOpensAt: Date;
  applicationClosesAt: Date;
  drawAt: Date;
  /** Local dates "YYYY-MM-DD", inclusive. */
  periodFrom: string;
  periodTo: string;
  notifyBy: Date;
  confirmationDays: number;
  moveUpOfferDays: number;
  algorithmVersion: string;
  seedCommitment: string;
  seedRevealed: string | null;
  entryListHash: string | null;
  entryCount: number | null;
  beaconAnnouncement: string | null;
  beacon: string | null;
  closedAt: Date | null;
  drawnAt: Date | null;
  slotCount: number;
}

/** What a new campaign is created with. */
export type CampaignDraftRow = Pick<
  CampaignRecord,
  | "tenantId" | "officeId" | "serviceId" | "slug" | "name" | "applicationOpensAt" | "applicationClosesAt" | "drawAt"
  | "periodFrom" | "periodTo" | "notifyBy" | "confirmationDays" | "moveUpOfferDays" | "beaconAnnouncement" | "algorithmVersion"
>;

/** One slot of a campaign's pool with what the draw needs to describe it. */
export interface CampaignSlotRecord {
  id: string;
  counterId: string;
  startsAt: Date;
  endsAt: Date;
  officeSlug: string;
  timeZone: string;
}

export interface ApplicationRecord {
  id: string;
  tenantId: string;
  campaignId: string;
  customerId: string;
  entryCode: string;
  state: ApplicationState;
  preferences: LotteryPreferences;
  lotteryRank: number | null;
  offerDeadline: Date | null;
  slotId: string | null;
  slotStart: Date | null;
  slotEnd: Date | null;
  offeredAt: Date | null;
  createdAt: Date;
}

/** A waitlisted application with the address its move-up offer goes to. */
export interface WaitingApplication {
  id: string;
  entryCode: string;
  rank: number;
  preferences: LotteryPreferences;
}

/** What the draw writes for one entry. */
export interface DrawOutcome {
  entryCode: string;
  rank: number;
  /** Offered slot, or null: waitlisted. */
  slotId: string | null;
  offerDeadline: Date | null;
  offerTokenHash: string | null;
  /** When to remind the winner of the deadline (null: no reminder). */
  reminderAt: Date | null;
}

/** A state change of one application, written with its audit entry (and optionally a mail and a job). */
export interface ApplicationChange {
  tenantId: string;
  applicationId: string;
  from: readonly ApplicationState[];
  to: ApplicationState;
  actor: string;
  action: string;
  now: Date;
  /** Clear the held slot (declined, expired, cancelled, withdrawn). */
  releaseSlot: boolean;
  mail?: LotteryOutboxInsert | null;
}

export interface CustomerContact {
  email: string;
  name: string;
  locale: string;
}

const CAMPAIGN_COLUMNS = `c.id::text AS id, c."tenantId"::text AS "tenantId", c.slug, c.name, c."officeId"::text AS "officeId",
  c."serviceId"::text AS "serviceId", c.status::text AS status, c."applicationOpensAt", c."applicationClosesAt", c."drawAt",
  c."periodFrom"::text AS "periodFrom", c."periodTo"::text AS "periodTo", c."notifyBy", c."confirmationDays", c."moveUpOfferDays",
  c."algorithmVersion", c."seedCommitment", c."seedRevealed", c."entryListHash", c."entryCount", c."beaconAnnouncement", c.beacon,
  c."closedAt", c."drawnAt", (SELECT count(*)::int FROM "CampaignSlot" s WHERE s."campaignId" = c.id) AS "slotCount"`;

const APPLICATION_COLUMNS = `a.id::text AS id, a."tenantId"::text AS "tenantId", a."campaignId"::text AS "campaignId",
  a."customerId"::text AS "customerId", a."entryCode", a.state::text AS state, a.preferences, a."lotteryRank", a."offerDeadline",
  a."slotId"::text AS "slotId", s."startsAt" AS "slotStart", s."endsAt" AS "slotEnd", a."offeredAt", a."createdAt"`;

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function toCampaign(r: Row): CampaignRecord {
  return {
    id: r.id as string,
    tenantId: r.tenantId as string,
    slug: r.slug as string,
    name: (typeof r.name === "string" ? JSON.parse(r.name) : r.name) as Record<string, string>,
    officeId: r.officeId as string,
    serviceId: r.serviceId as string,
    status: r.status as CampaignStatus,
    applicationOpensAt: date(r.applicationOpensAt)!,
    applicationClosesAt: date(r.applicationClosesAt)!,
    drawAt: date(r.drawAt)!,
    periodFrom: r.periodFrom as string,
    periodTo: r.periodTo as string,
    notifyBy: date(r.notifyBy)!,
    confirmationDays: Number(r.confirmationDays),
    moveUpOfferDays: Number(r.moveUpOfferDays),
    algorithmVersion: r.algorithmVersion as string,
    seedCommitment: r.seedCommitment as string,
    seedRevealed: (r.seedRevealed as string | null) ?? null,
    entryListHash: (r.entryListHash as string | null) ?? null,
    entryCount: r.entryCount === null || r.entryCount === undefined ? null : Number(r.entryCount),
    beaconAnnouncement: (r.beaconAnnouncement as string | null) ?? null,
    beacon: (r.beacon as string | null) ?? null,
    closedAt: date(r.closedAt),
    drawnAt: date(r.drawnAt),
    slotCount: Number(r.slotCount),
  };
}

function toPreferences(value: unknown): LotteryPreferences {
  const p = (typeof value === "string" ? JSON.parse(value) : value) as Partial<LotteryPreferences> | null;
  return { offices: p?.offices ?? [], weekdays: p?.weekdays ?? [], timesOfDay: p?.timesOfDay ?? [] };
}

function toApplication(r: Row): ApplicationRecord {
  return {
    id: r.id as string,
    tenantId: r.tenantId as string,
    campaignId: r.campaignId as string,
    customerId: r.customerId as string,
    entryCode: r.entryCode as string,
    state: r.state as ApplicationState,
    preferences: toPreferences(r.preferences),
    lotteryRank: r.lotteryRank === null || r.lotteryRank === undefined ? null : Number(r.lotteryRank),
    offerDeadline: date(r.offerDeadline),
    slotId: (r.slotId as string | null) ?? null,
    slotStart: date(r.slotStart),
    slotEnd: date(r.slotEnd),
    offeredAt: date(r.offeredAt),
    createdAt: date(r.createdAt)!,
  };
}

/** A lottery mail; `notice` (what the portal's notification list shows besides the subject) makes it a notification too. */
export type LotteryOutboxInsert = OutboxInsert & { notice?: Record<string, unknown> };

/**
 * Queues a mail; when it concerns an application and carries a notice, the customer's
 * notification list gets the same message in the same transaction.
 */
async function insertMail(sql: SqlClient, tenantId: string, mail: LotteryOutboxInsert, applicationId: string | null = null, now: Date | null = null): Promise<void> {
  await sql.query(
    `INSERT INTO "MailOutbox" ("tenantId", kind, "toAddress", subject, "textBody", "htmlBody", "icsMethod", "icsContent")
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8)`,
    [tenantId, mail.kind, mail.toAddress, mail.subject, mail.textBody, mail.htmlBody, mail.icsMethod, mail.icsContent],
  );
  if (applicationId && mail.notice) {
    await sql.query(
      `INSERT INTO "CustomerNotification" ("tenantId", "customerId", "campaignId", "applicationId", kind, subject, data, "createdAt")
       SELECT a."tenantId", a."customerId", a."campaignId", a.id, $3, $4, $5::jsonb, coalesce($6::timestamptz, now())
         FROM "Application" a WHERE a."tenantId" = $1::uuid AND a.id = $2::uuid`,
      [tenantId, applicationId, mail.kind.replace(/^lottery-/, ""), mail.subject, JSON.stringify(mail.notice), now],
    );
  }
}

/** Inserts a DRAFT campaign (its commitment comes with publication). */
async function insertCampaign(sql: SqlClient, input: CampaignDraftRow): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO "Campaign" ("tenantId", "officeId", "serviceId", slug, name, "applicationOpensAt", "applicationClosesAt", "drawAt",
       "periodFrom", "periodTo", "notifyBy", "confirmationDays", "moveUpOfferDays", "beaconAnnouncement", "algorithmVersion", "seedCommitment")
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::jsonb, $6::timestamptz, $7::timestamptz, $8::timestamptz, $9::date, $10::date,
       $11::timestamptz, $12, $13, $14, $15, '')
     RETURNING id::text AS id`,
    [
      input.tenantId, input.officeId, input.serviceId, input.slug, JSON.stringify(input.name), input.applicationOpensAt, input.applicationClosesAt,
      input.drawAt, input.periodFrom, input.periodTo, input.notifyBy, input.confirmationDays, input.moveUpOfferDays, input.beaconAnnouncement,
      input.algorithmVersion,
    ],
  );
  return row!.id;
}

async function insertPool(sql: SqlClient, tenantId: string, campaignId: string, slots: readonly { counterId: string; startsAt: Date; endsAt: Date }[]): Promise<void> {
  // In chunks: one statement's arrays stay small on both targets.
  for (let i = 0; i < slots.length; i += 5_000) {
    const chunk = slots.slice(i, i + 5_000);
    await sql.query(
      `INSERT INTO "CampaignSlot" ("tenantId", "campaignId", "counterId", "startsAt", "endsAt")
       SELECT $1::uuid, $2::uuid, v.counter, v.starts, v.ends FROM unnest($3::uuid[], $4::timestamptz[], $5::timestamptz[]) AS v(counter, starts, ends)`,
      [tenantId, campaignId, chunk.map((s) => s.counterId), chunk.map((s) => s.startsAt), chunk.map((s) => s.endsAt)],
    );
  }
}

async function audit(sql: SqlClient, tenantId: string, at: Date, actor: string, action: string, entityType: string, entityId: string, data: unknown) {
  await sql.query(
    `INSERT INTO "AuditLog" ("tenantId", at, actor, action, "entityType", "entityId", data) VALUES ($1::uuid, $2::timestamptz, $3, $4, $5, $6, $7::jsonb)`,
    [tenantId, at, actor, action, entityType, entityId, JSON.stringify(data)],
  );
}

/**
 * Lottery campaigns, their slot pools and applications (case C). Every read and write names
 * the tenant; state changes are conditional on the state they start from, so a job that
 * runs twice or a double click changes nothing the second time.
 */
export class LotteryRepository {
  constructor(private readonly db: Database) {}

  /** A tenant's campaigns, drafts only when asked for (staff). */
  async campaigns(tenantId: string, includeDrafts = false): Promise<CampaignRecord[]> {
    const rows = await this.db.sql.query<Row>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM "Campaign" c WHERE c."tenantId" = $1::uuid AND ($2 OR c.status <> 'DRAFT') ORDER BY c."applicationOpensAt", c.slug`,
      [tenantId, includeDrafts],
    );
    return rows.map(toCampaign);
  }

  async campaignBySlug(tenantId: string, slug: string): Promise<CampaignRecord | null> {
    const [row] = await this.db.sql.query<Row>(`SELECT ${CAMPAIGN_COLUMNS} FROM "Campaign" c WHERE c."tenantId" = $1::uuid AND c.slug = $2`, [tenantId, slug]);
    return row ? toCampaign(row) : null;
  }

  async campaignById(tenantId: string, id: string): Promise<CampaignRecord | null> {
    const [row] = await this.db.sql.query<Row>(`SELECT ${CAMPAIGN_COLUMNS} FROM "Campaign" c WHERE c."tenantId" = $1::uuid AND c.id = $2::uuid`, [tenantId, id]);
    return row ? toCampaign(row) : null;
  }

  /** Campaigns of every tenant with a step due at `now` (the campaign clock job). */
  async dueCampaigns(now: Date): Promise<CampaignRecord[]> {
    const rows = await this.db.sql.query<Row>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM "Campaign" c
        WHERE (c.status = 'PUBLISHED' AND c."applicationOpensAt" <= $1::timestamptz)
           OR (c.status = 'OPEN' AND c."applicationClosesAt" <= $1::timestamptz)
           -- A campaign marked CLOSED by an older demo seed has no entry list to draw on: left alone.
           OR (c.status = 'CLOSED' AND c."drawAt" <= $1::timestamptz AND c."entryListHash" IS NOT NULL)
           OR (c.status = 'DRAWN' AND (c."periodTo" + 1)::timestamp AT TIME ZONE 'UTC' <= $1::timestamptz + interval '1 day')
        ORDER BY c."drawAt"`,
      [now],
    );
    return rows.map(toCampaign);
  }

  /** A new DRAFT campaign (staff, demo seed, tests). */
  async createCampaign(input: CampaignDraftRow): Promise<string> {
    return insertCampaign(this.db.sql, input);
  }

  /**
   * A new DRAFT campaign with its generated slot pool, in one transaction, audited.
   * "SLUG_TAKEN" when the tenant has a campaign with this slug.
   */
  async createDraft(
    input: CampaignDraftRow,
    slots: readonly { counterId: string; startsAt: Date; endsAt: Date }[],
    actor: string,
    now: Date,
  ): Promise<string | "SLUG_TAKEN"> {
    try {
      return await this.db.transaction(async (sql) => {
        const [taken] = await sql.query(`SELECT 1 FROM "Campaign" WHERE "tenantId" = $1::uuid AND slug = $2`, [input.tenantId, input.slug]);
        if (taken) return "SLUG_TAKEN" as const;
        const id = await insertCampaign(sql, input);
        await insertPool(sql, input.tenantId, id, slots);
        await audit(sql, input.tenantId, now, actor, "campaign.created", "Campaign", id, { after: { ...input, slots: slots.length } });
        return id;
      });
    } catch (error) {
      if (sqlStateOf(error) === SqlState.uniqueViolation) return "SLUG_TAKEN";
      throw error;
    }
  }

  /**
   * Changes a DRAFT campaign and replaces its pool with the one generated for the new
   * settings, in one transaction with an audit entry (before/after). False when it is no
   * draft any more (the pool is fixed from publication on).
   */
  async updateDraft(
    campaignId: string,
    input: Omit<CampaignDraftRow, "algorithmVersion" | "slug">,
    slots: readonly { counterId: string; startsAt: Date; endsAt: Date }[],
    actor: string,
    now: Date,
  ): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const [before] = await sql.query<Row>(`SELECT ${CAMPAIGN_COLUMNS} FROM "Campaign" c WHERE c."tenantId" = $1::uuid AND c.id = $2::uuid AND c.status = 'DRAFT' FOR UPDATE`, [
        input.tenantId, campaignId,
      ]);
      if (!before) return false;
      await sql.query(
        `UPDATE "Campaign" SET "officeId" = $3::uuid, "serviceId" = $4::uuid, name = $5::jsonb, "applicationOpensAt" = $6::timestamptz,
            "applicationClosesAt" = $7::timestamptz, "drawAt" = $8::timestamptz, "periodFrom" = $9::date, "periodTo" = $10::date,
            "notifyBy" = $11::timestamptz, "confirmationDays" = $12, "moveUpOfferDays" = $13, "beaconAnnouncement" = $14
          WHERE "tenantId" = $1::uuid AND id = $2::uuid`,
        [
          input.tenantId, campaignId, input.officeId, input.serviceId, JSON.stringify(input.name), input.applicationOpensAt, input.applicationClosesAt,
          input.drawAt, input.periodFrom, input.periodTo, input.notifyBy, input.confirmationDays, input.moveUpOfferDays, input.beaconAnnouncement,
        ],
      );
      await sql.query(`DELETE FROM "CampaignSlot" WHERE "tenantId" = $1::uuid AND "campaignId" = $2::uuid`, [input.tenantId, campaignId]);
      await insertPool(sql, input.tenantId, campaignId, slots);
      await audit(sql, input.tenantId, now, actor, "campaign.updated", "Campaign", campaignId, { before: toCampaign(before), after: { ...input, slots: slots.length } });
      return true;
    });
  }

  /**
   * Demo only: moves a campaign's window close and draw time up to `now`, so the campaign
   * clock closes and draws it at once. Audited; false unless it is OPEN or CLOSED.
   */
  async pullDrawForward(tenantId: string, campaignId: string, now: Date, actor: string): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const rows = await sql.query(
        `UPDATE "Campaign" SET "applicationClosesAt" = least("applicationClosesAt", $3::timestamptz), "drawAt" = least("drawAt", $3::timestamptz),
            "notifyBy" = greatest("notifyBy", $3::timestamptz)
          WHERE "tenantId" = $1::uuid AND id = $2::uuid AND status IN ('OPEN', 'CLOSED') RETURNING 1`,
        [tenantId, campaignId, now],
      );
      if (rows.length === 0) return false;
      await audit(sql, tenantId, now, actor, "campaign.draw_pulled_forward", "Campaign", campaignId, { at: now.toISOString() });
      return true;
    });
  }

  /** Adds slots to a DRAFT campaign's pool (fixed once it is published). Returns how many were added. */
  async addSlots(tenantId: string, campaignId: string, slots: readonly { counterId: string; startsAt: Date; endsAt: Date }[]): Promise<number> {
    if (slots.length === 0) return 0;
    const rows = await this.db.sql.query(
      `INSERT INTO "CampaignSlot" ("tenantId", "campaignId", "counterId", "startsAt", "endsAt")
       SELECT $1::uuid, c.id, v.counter, v.starts, v.ends
         FROM "Campaign" c, unnest($3::uuid[], $4::timestamptz[], $5::timestamptz[]) AS v(counter, starts, ends)
        WHERE c.id = $2::uuid AND c."tenantId" = $1::uuid AND c.status = 'DRAFT'
       ON CONFLICT ("campaignId", "counterId", "startsAt") DO NOTHING
       RETURNING 1`,
      [tenantId, campaignId, slots.map((s) => s.counterId), slots.map((s) => s.startsAt), slots.map((s) => s.endsAt)],
    );
    return rows.length;
  }

  async slots(tenantId: string, campaignId: string): Promise<CampaignSlotRecord[]> {
    const rows = await this.db.sql.query<Row>(
      `SELECT s.id::text AS id, s."counterId"::text AS "counterId", s."startsAt", s."endsAt", o.slug AS "officeSlug", o."timeZone"
         FROM "CampaignSlot" s JOIN "Counter" k ON k.id = s."counterId" JOIN "Office" o ON o.id = k."officeId"
        WHERE s."tenantId" = $1::uuid AND s."campaignId" = $2::uuid ORDER BY s."startsAt", s."counterId"`,
      [tenantId, campaignId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      counterId: r.counterId as string,
      startsAt: date(r.startsAt)!,
      endsAt: date(r.endsAt)!,
      officeSlug: r.officeSlug as string,
      timeZone: r.timeZone as string,
    }));
  }

  /**
   * DRAFT → PUBLISHED with the commitment (the secret stays server-side). False when the
   * campaign was not a draft any more.
   */
  async publish(tenantId: string, campaignId: string, commitment: string, secretHex: string, actor: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const rows = await sql.query(
        `UPDATE "Campaign" SET status = 'PUBLISHED', "seedCommitment" = $3, "seedSecret" = $4, "algorithmVersion" = 'tv-draw-1'
          WHERE "tenantId" = $1::uuid AND id = $2::uuid AND status = 'DRAFT' RETURNING 1`,
        [tenantId, campaignId, commitment, secretHex],
      );
      if (rows.length === 0) return false;
      await audit(sql, tenantId, now, actor, "campaign.published", "Campaign", campaignId, { commitment });
      return true;
    });
  }

  /** A conditional status step (OPEN, FINISHED) with its audit entry; false when another step came first. */
  async step(tenantId: string, campaignId: string, from: CampaignStatus, to: CampaignStatus, actor: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const rows = await sql.query(
        `UPDATE "Campaign" SET status = $4::"CampaignStatus" WHERE "tenantId" = $1::uuid AND id = $2::uuid AND status = $3::"CampaignStatus" RETURNING 1`,
        [tenantId, campaignId, from, to],
      );
      if (rows.length === 0) return false;
      await audit(sql, tenantId, now, actor, `campaign.${to.toLowerCase()}`, "Campaign", campaignId, { from, to });
      return true;
    });
  }

  /** Enters the beacon's value (before the draw). */
  async setBeacon(tenantId: string, campaignId: string, beacon: string, actor: string, now: Date): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const rows = await sql.query(
        `UPDATE "Campaign" SET beacon = $3 WHERE "tenantId" = $1::uuid AND id = $2::uuid AND status IN ('PUBLISHED', 'OPEN', 'CLOSED') RETURNING 1`,
        [tenantId, campaignId, beacon],
      );
      if (rows.length === 0) return false;
      await audit(sql, tenantId, now, actor, "campaign.beacon_entered", "Campaign", campaignId, { beacon });
      return true;
    });
  }

  /**
   * OPEN → CLOSED: fixes the entry list (the codes of every application still APPLIED) and
   * stores its hash, computed by `hashOf` inside the transaction while the campaign row is
   * locked, so no application can slip in between reading and closing.
   */
  async closeWindow(tenantId: string, campaignId: string, now: Date, actor: string, hashOf: (codes: string[]) => string): Promise<{ entryListHash: string; entryCount: number } | null> {
    return this.db.transaction(async (sql) => {
      const [campaign] = await sql.query<{ status: string }>(
        `SELECT status::text AS status FROM "Campaign" WHERE "tenantId" = $1::uuid AND id = $2::uuid FOR UPDATE`,
        [tenantId, campaignId],
      );
      if (campaign?.status !== "OPEN") return null;
      const codes = (await sql.query<{ entryCode: string }>(`SELECT "entryCode" FROM "Application" WHERE "campaignId" = $1::uuid AND state = 'APPLIED'`, [campaignId])).map(
        (r) => r.entryCode,
      );
      const entryListHash = hashOf(codes);
      await sql.query(
        `UPDATE "Campaign" SET status = 'CLOSED', "entryListHash" = $3, "entryCount" = $4, "closedAt" = $5::timestamptz WHERE "tenantId" = $1::uuid AND id = $2::uuid`,
        [tenantId, campaignId, entryListHash, codes.length, now],
      );
      await audit(sql, tenantId, now, actor, "campaign.closed", "Campaign", campaignId, { entryListHash, entryCount: codes.length });
      return { entryListHash, entryCount: codes.length };
    });
  }

  /** What the draw runs on: the secret and the entries of the fixed list. */
  async drawInputs(tenantId: string, campaignId: string): Promise<{ secretHex: string | null; entries: { entryCode: string; preferences: LotteryPreferences }[] }> {
    const [campaign] = await this.db.sql.query<{ seedSecret: string | null }>(
      `SELECT "seedSecret" FROM "Campaign" WHERE "tenantId" = $1::uuid AND id = $2::uuid`,
      [tenantId, campaignId],
    );
    const rows = await this.db.sql.query<Row>(
      `SELECT "entryCode", preferences FROM "Application" WHERE "tenantId" = $1::uuid AND "campaignId" = $2::uuid AND state = 'APPLIED'`,
      [tenantId, campaignId],
    );
    return { secretHex: campaign?.seedSecret ?? null, entries: rows.map((r) => ({ entryCode: r.entryCode as string, preferences: toPreferences(r.preferences) })) };
  }

  /**
   * CLOSED → DRAWN with everything the draw decided, in one transaction: the published
   * record, the revealed seed, every rank, the offers (slot, deadline, link-token hash) and
   * waitlist places, an expiry job per offer and the mails (`mailFor` runs inside, so the
   * mails carry the application ids). Returns false — changing nothing — when the campaign
   * was drawn already: the draw job may run again after a crash or on two instances.
   */
  async saveDraw(input: {
    tenantId: string;
    campaignId: string;
    now: Date;
    record: unknown;
    secretHex: string;
    outcomes: readonly DrawOutcome[];
    actor: string;
    mails: (rows: { applicationId: string; entryCode: string; contact: CustomerContact }[]) => { applicationId: string; mail: LotteryOutboxInsert }[];
  }): Promise<boolean> {
    const { tenantId, campaignId, now, outcomes } = input;
    return this.db.transaction(async (sql) => {
      const drawn = await sql.query(
        `UPDATE "Campaign" SET status = 'DRAWN', record = $3::jsonb, "seedRevealed" = $4, "drawnAt" = $5::timestamptz
          WHERE "tenantId" = $1::uuid AND id = $2::uuid AND status = 'CLOSED' RETURNING 1`,
        [tenantId, campaignId, JSON.stringify(input.record), input.secretHex, now],
      );
      if (drawn.length === 0) return false;
      const updated = await sql.query<Row>(
        `UPDATE "Application" a SET
            "lotteryRank" = v.rank,
            state = (CASE WHEN v.slot IS NULL THEN 'WAITLISTED' ELSE 'OFFERED' END)::"ApplicationState",
            "slotId" = v.slot, "offerDeadline" = v.deadline, "offerTokenHash" = v.token,
            "offeredAt" = CASE WHEN v.slot IS NULL THEN NULL ELSE $3::timestamptz END
          FROM unnest($4::text[], $5::int[], $6::uuid[], $7::timestamptz[], $8::text[]) AS v(code, rank, slot, deadline, token)
         WHERE a."tenantId" = $1::uuid AND a."campaignId" = $2::uuid AND a."entryCode" = v.code AND a.state = 'APPLIED'
         RETURNING a.id::text AS id, a."entryCode", a.state::text AS state, a."offerDeadline", a."customerId"`,
        [
          tenantId, campaignId, now,
          outcomes.map((o) => o.entryCode), outcomes.map((o) => o.rank), outcomes.map((o) => o.slotId),
          outcomes.map((o) => o.offerDeadline), outcomes.map((o) => o.offerTokenHash),
        ],
      );
      if (updated.length !== outcomes.length) throw new Error(`draw of ${campaignId}: ${updated.length} of ${outcomes.length} applications updated`);
      await sql.query(
        `SELECT tv_add_job('lottery-offer-expiry', jsonb_build_object('tenantId', $1::text, 'applicationId', a.id::text), a."offerDeadline",
                           'lottery-offer-expiry:' || a.id::text || ':' || (extract(epoch FROM a."offerDeadline") * 1000)::bigint::text, $1::uuid)
           FROM "Application" a WHERE a."campaignId" = $2::uuid AND a.state = 'OFFERED'`,
        [tenantId, campaignId],
      );
      await sql.query(
        `SELECT tv_add_job('lottery-offer-reminder', jsonb_build_object('tenantId', $1::text, 'applicationId', a.id::text), v.remind,
                           'lottery-offer-reminder:' || a.id::text || ':' || (extract(epoch FROM a."offerDeadline") * 1000)::bigint::text, $1::uuid)
           FROM "Application" a JOIN unnest($3::text[], $4::timestamptz[]) AS v(code, remind) ON v.code = a."entryCode"
          WHERE a."campaignId" = $2::uuid AND a.state = 'OFFERED' AND v.remind IS NOT NULL`,
        [tenantId, campaignId, outcomes.map((o) => o.entryCode), outcomes.map((o) => o.reminderAt)],
      );
      const contacts = await sql.query<Row>(
        `SELECT a.id::text AS id, a."entryCode", c.email, c.name, c.locale FROM "Application" a JOIN "Customer" c ON c.id = a."customerId"
          WHERE a."campaignId" = $1::uuid AND a."lotteryRank" IS NOT NULL`,
        [campaignId],
      );
      const mails = input.mails(
        contacts.map((r) => ({ applicationId: r.id as string, entryCode: r.entryCode as string, contact: { email: r.email as string, name: r.name as string, locale: r.locale as string } })),
      );
      for (const { applicationId, mail } of mails) await insertMail(sql, tenantId, mail, applicationId, now);
      await audit(sql, tenantId, now, input.actor, "campaign.drawn", "Campaign", campaignId, {
        entries: outcomes.length,
        offered: outcomes.filter((o) => o.slotId).length,
      });
      return true;
    });
  }

  /** The published record (null before the draw). */
  async record(tenantId: string, campaignId: string): Promise<unknown | null> {
    const [row] = await this.db.sql.query<{ record: unknown }>(`SELECT record FROM "Campaign" WHERE "tenantId" = $1::uuid AND id = $2::uuid`, [tenantId, campaignId]);
    const record = row?.record ?? null;
    return typeof record === "string" ? JSON.parse(record) : record;
  }

  async application(tenantId: string, campaignId: string, customerId: string): Promise<ApplicationRecord | null> {
    const [row] = await this.db.sql.query<Row>(
      `SELECT ${APPLICATION_COLUMNS} FROM "Application" a LEFT JOIN "CampaignSlot" s ON s.id = a."slotId"
        WHERE a."tenantId" = $1::uuid AND a."campaignId" = $2::uuid AND a."customerId" = $3::uuid`,
      [tenantId, campaignId, customerId],
    );
    return row ? toApplication(row) : null;
  }

  async applicationById(tenantId: string, id: string): Promise<ApplicationRecord | null> {
    const [row] = await this.db.sql.query<Row>(
      `SELECT ${APPLICATION_COLUMNS} FROM "Application" a LEFT JOIN "CampaignSlot" s ON s.id = a."slotId" WHERE a."tenantId" = $1::uuid AND a.id = $2::uuid`,
      [tenantId, id],
    );
    return row ? toApplication(row) : null;
  }

  /** The application whose offer link carries this token (hash), in any tenant's campaign of `tenantId`. */
  async applicationByOfferToken(tenantId: string, tokenHash: string): Promise<ApplicationRecord | null> {
    const [row] = await this.db.sql.query<Row>(
      `SELECT ${APPLICATION_COLUMNS} FROM "Application" a LEFT JOIN "CampaignSlot" s ON s.id = a."slotId" WHERE a."tenantId" = $1::uuid AND a."offerTokenHash" = $2`,
      [tenantId, tokenHash],
    );
    return row ? toApplication(row) : null;
  }

  /** Every application of a campaign (demo seed, tests). */
  async applicationsOfCampaign(tenantId: string, campaignId: string): Promise<ApplicationRecord[]> {
    const rows = await this.db.sql.query<Row>(
      `SELECT ${APPLICATION_COLUMNS} FROM "Application" a LEFT JOIN "CampaignSlot" s ON s.id = a."slotId"
        WHERE a."tenantId" = $1::uuid AND a."campaignId" = $2::uuid ORDER BY a."lotteryRank" NULLS LAST, a."entryCode"`,
      [tenantId, campaignId],
    );
    return rows.map(toApplication);
  }

  async applicationsOfCustomer(tenantId: string, customerId: string): Promise<ApplicationRecord[]> {
    const rows = await this.db.sql.query<Row>(
      `SELECT ${APPLICATION_COLUMNS} FROM "Application" a LEFT JOIN "CampaignSlot" s ON s.id = a."slotId"
        WHERE a."tenantId" = $1::uuid AND a."customerId" = $2::uuid ORDER BY a."createdAt"`,
      [tenantId, customerId],
    );
    return rows.map(toApplication);
  }

  /**
   * Files an application, or files a withdrawn one again (same row and entry code). Null when
   * the customer has a live application already, or the entry code is taken (the caller
   * retries with another code) — `reason` tells which.
   */
  async apply(input: {
    tenantId: string;
    campaignId: string;
    customerId: string;
    entryCode: string;
    preferences: LotteryPreferences;
    now: Date;
  }): Promise<{ application: ApplicationRecord } | { reason: "EXISTS" | "CODE_TAKEN" | "NOT_OPEN" }> {
    return this.db.transaction(async (sql) => {
      // Shares the campaign row with other applicants, excludes the window's close.
      const [campaign] = await sql.query<{ status: string }>(
        `SELECT status::text AS status FROM "Campaign" WHERE "tenantId" = $1::uuid AND id = $2::uuid FOR SHARE`,
        [input.tenantId, input.campaignId],
      );
      if (campaign?.status !== "OPEN") return { reason: "NOT_OPEN" as const };
      const [taken] = await sql.query(`SELECT 1 FROM "Application" WHERE "campaignId" = $1::uuid AND "entryCode" = $2 AND "customerId" <> $3::uuid`, [
        input.campaignId, input.entryCode, input.customerId,
      ]);
      if (taken) return { reason: "CODE_TAKEN" as const };
      const rows = await sql.query<{ id: string }>(
        `INSERT INTO "Application" ("tenantId", "campaignId", "customerId", "entryCode", preferences, "createdAt", "updatedAt")
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::jsonb, $6::timestamptz, $6::timestamptz)
         ON CONFLICT ("campaignId", "customerId") DO UPDATE SET state = 'APPLIED', preferences = EXCLUDED.preferences, "updatedAt" = EXCLUDED."updatedAt"
           WHERE "Application".state = 'WITHDRAWN'
         RETURNING id::text AS id`,
        [input.tenantId, input.campaignId, input.customerId, input.entryCode, JSON.stringify(input.preferences), input.now],
      );
      if (rows.length === 0) return { reason: "EXISTS" as const };
      await audit(sql, input.tenantId, input.now, `customer:${input.customerId}`, "application.applied", "Application", rows[0]!.id, {});
      const [row] = await sql.query<Row>(
        `SELECT ${APPLICATION_COLUMNS} FROM "Application" a LEFT JOIN "CampaignSlot" s ON s.id = a."slotId" WHERE a.id = $1::uuid`,
        [rows[0]!.id],
      );
      return { application: toApplication(row!) };
    });
  }

  /** Changes preferences of an APPLIED application while the campaign is OPEN. */
  async setPreferences(tenantId: string, applicationId: string, preferences: LotteryPreferences, now: Date): Promise<boolean> {
    const rows = await this.db.sql.query(
      `UPDATE "Application" a SET preferences = $3::jsonb, "updatedAt" = $4::timestamptz
         FROM "Campaign" c WHERE c.id = a."campaignId" AND c.status = 'OPEN' AND a."tenantId" = $1::uuid AND a.id = $2::uuid AND a.state = 'APPLIED'
       RETURNING 1`,
      [tenantId, applicationId, JSON.stringify(preferences), now],
    );
    return rows.length === 1;
  }

  /**
   * One application's state change, conditional on `from`: audit entry, optional mail, and
   * — when it gives a slot back — a move-up job for that slot, all in one transaction.
   * Returns the freed slot id (or null), or false when the state had changed meanwhile.
   */
  async change(change: ApplicationChange): Promise<{ freedSlotId: string | null } | false> {
    return this.db.transaction(async (sql) => {
      const [before] = await sql.query<{ slotId: string | null; campaignId: string; entryCode: string }>(
        `SELECT "slotId"::text AS "slotId", "campaignId"::text AS "campaignId", "entryCode" FROM "Application"
          WHERE "tenantId" = $1::uuid AND id = $2::uuid AND state::text = ANY(string_to_array($3, ',')) FOR UPDATE`,
        // Joined: PGlite cannot serialize an array parameter of an enum type.
        [change.tenantId, change.applicationId, change.from.join(",")],
      );
      if (!before) return false;
      await sql.query(
        `UPDATE "Application" SET state = $3::"ApplicationState", "updatedAt" = $4::timestamptz,
            "slotId" = CASE WHEN $5 THEN NULL ELSE "slotId" END,
            "offerDeadline" = CASE WHEN $3 IN ('OFFERED') THEN "offerDeadline" ELSE NULL END,
            "offerTokenHash" = CASE WHEN $3 IN ('OFFERED') THEN "offerTokenHash" ELSE NULL END
          WHERE "tenantId" = $1::uuid AND id = $2::uuid`,
        [change.tenantId, change.applicationId, change.to, change.now, change.releaseSlot],
      );
      await audit(sql, change.tenantId, change.now, change.actor, change.action, "Application", change.applicationId, { to: change.to });
      if (change.mail) await insertMail(sql, change.tenantId, change.mail, change.applicationId, change.now);
      const freedSlotId = change.releaseSlot ? before.slotId : null;
      if (freedSlotId) {
        await sql.query(`SELECT tv_add_job('lottery-move-up', jsonb_build_object('tenantId', $1::text, 'campaignId', $2::text, 'slotId', $3::text), $4::timestamptz, 'lottery-move-up:' || $3 || ':' || $5, $1::uuid)`, [
          change.tenantId, before.campaignId, freedSlotId, change.now, change.applicationId,
        ]);
      }
      if (change.to === "WITHDRAWN") await this.appendRecordEvent(sql, change.tenantId, before.campaignId, "leftPool", { at: change.now.toISOString(), entryCode: before.entryCode });
      return { freedSlotId };
    });
  }

  /** Waitlisted applications of a campaign, best rank first. */
  async waiting(tenantId: string, campaignId: string): Promise<WaitingApplication[]> {
    const rows = await this.db.sql.query<Row>(
      `SELECT id::text AS id, "entryCode", "lotteryRank", preferences FROM "Application"
        WHERE "tenantId" = $1::uuid AND "campaignId" = $2::uuid AND state = 'WAITLISTED' ORDER BY "lotteryRank"`,
      [tenantId, campaignId],
    );
    return rows.map((r) => ({ id: r.id as string, entryCode: r.entryCode as string, rank: Number(r.lotteryRank), preferences: toPreferences(r.preferences) }));
  }

  /** Whether someone holds the slot (offered or confirmed). */
  async slotHeld(tenantId: string, slotId: string): Promise<boolean> {
    const [row] = await this.db.sql.query(`SELECT 1 FROM "Application" WHERE "tenantId" = $1::uuid AND "slotId" = $2::uuid`, [tenantId, slotId]);
    return row !== undefined;
  }

  /**
   * WAITLISTED → OFFERED for a freed slot, recorded in the published record's `moveUps`,
   * with the offer's expiry job and its mail. False when the applicant is no longer waiting
   * or the slot is held again (the move-up job ran twice).
   */
  async moveUp(input: {
    tenantId: string;
    campaignId: string;
    applicationId: string;
    entryCode: string;
    slotId: string;
    offerDeadline: Date;
    offerTokenHash: string;
    now: Date;
    reminderAt: Date | null;
    mail: (contact: CustomerContact) => LotteryOutboxInsert;
  }): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      await sql.query(`SELECT 1 FROM "Campaign" WHERE id = $1::uuid FOR UPDATE`, [input.campaignId]);
      const [held] = await sql.query(`SELECT 1 FROM "Application" WHERE "slotId" = $1::uuid`, [input.slotId]);
      if (held) return false;
      const [row] = await sql.query<Row>(
        `UPDATE "Application" a SET state = 'OFFERED', "slotId" = $3::uuid, "offerDeadline" = $4::timestamptz, "offerTokenHash" = $5,
            "offeredAt" = $6::timestamptz, "updatedAt" = $6::timestamptz
           FROM "Customer" c
          WHERE c.id = a."customerId" AND a."tenantId" = $1::uuid AND a.id = $2::uuid AND a.state = 'WAITLISTED'
          RETURNING c.email, c.name, c.locale`,
        [input.tenantId, input.applicationId, input.slotId, input.offerDeadline, input.offerTokenHash, input.now],
      );
      if (!row) return false;
      await sql.query(
        `SELECT tv_add_job('lottery-offer-expiry', jsonb_build_object('tenantId', $1::text, 'applicationId', $2::text), $3::timestamptz,
                           'lottery-offer-expiry:' || $2 || ':' || $4, $1::uuid)`,
        [input.tenantId, input.applicationId, input.offerDeadline, String(input.offerDeadline.getTime())],
      );
      if (input.reminderAt) {
        await sql.query(
          `SELECT tv_add_job('lottery-offer-reminder', jsonb_build_object('tenantId', $1::text, 'applicationId', $2::text), $3::timestamptz,
                             'lottery-offer-reminder:' || $2 || ':' || $4, $1::uuid)`,
          [input.tenantId, input.applicationId, input.reminderAt, String(input.offerDeadline.getTime())],
        );
      }
      await insertMail(sql, input.tenantId, input.mail({ email: row.email as string, name: row.name as string, locale: row.locale as string }), input.applicationId, input.now);
      await audit(sql, input.tenantId, input.now, "system:lottery-move-up", "application.moved_up", "Application", input.applicationId, { slotId: input.slotId });
      await this.appendRecordEvent(sql, input.tenantId, input.campaignId, "moveUps", { at: input.now.toISOString(), slot: input.slotId, entryCode: input.entryCode });
      return true;
    });
  }

  /** Appends to the published record's `moveUps` or `leftPool` (only once the record exists). */
  private async appendRecordEvent(sql: SqlClient, tenantId: string, campaignId: string, list: "moveUps" | "leftPool", event: unknown): Promise<void> {
    await sql.query(
      `UPDATE "Campaign" SET record = jsonb_set(record, ARRAY[$3::text], coalesce(record -> $3, '[]'::jsonb) || jsonb_build_array($4::jsonb))
        WHERE "tenantId" = $1::uuid AND id = $2::uuid AND record IS NOT NULL`,
      [tenantId, campaignId, list, JSON.stringify(event)],
    );
  }

  /**
   * The deadline reminder: mail and notification, only while the offer with this deadline
   * is still open (answered or moved meanwhile: nothing). Returns whether it was sent.
   */
  async remindOffer(input: { tenantId: string; applicationId: string; offerDeadline: Date; now: Date; mail: (contact: CustomerContact) => LotteryOutboxInsert }): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const [row] = await sql.query<Row>(
        `SELECT c.email, c.name, c.locale FROM "Application" a JOIN "Customer" c ON c.id = a."customerId"
          WHERE a."tenantId" = $1::uuid AND a.id = $2::uuid AND a.state = 'OFFERED' AND a."offerDeadline" = $3::timestamptz AND a."offerDeadline" > $4::timestamptz
          FOR UPDATE OF a`,
        [input.tenantId, input.applicationId, input.offerDeadline, input.now],
      );
      if (!row) return false;
      await insertMail(sql, input.tenantId, input.mail({ email: row.email as string, name: row.name as string, locale: row.locale as string }), input.applicationId, input.now);
      await audit(sql, input.tenantId, input.now, "system:lottery-offer-reminder", "application.reminded", "Application", input.applicationId, {});
      return true;
    });
  }

  /** Contact of an application's customer (mails). */
  async contactOf(tenantId: string, applicationId: string): Promise<CustomerContact | null> {
    const [row] = await this.db.sql.query<Row>(
      `SELECT c.email, c.name, c.locale FROM "Application" a JOIN "Customer" c ON c.id = a."customerId" WHERE a."tenantId" = $1::uuid AND a.id = $2::uuid`,
      [tenantId, applicationId],
    );
    return row ? { email: row.email as string, name: row.name as string, locale: row.locale as string } : null;
  }
}
