import { type CampaignDraftIssue, DRAW_ALGORITHM, decideCampaign, generatePool, type PoolGenerationRejection, type Tenant, validateCampaignDraft } from "@terminvergabe/core";
import type { CampaignRecord, CampaignSlotRecord, LotteryRepository, OfficeSchedule } from "@terminvergabe/db";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import type { MessageKey } from "../i18n/messages.ts";
import type { Logger } from "../logger.ts";
import type { CatalogCache } from "../scheduling/catalog-cache.ts";
import { LotteryRefused } from "./lottery-errors.ts";
import type { LotteryService } from "./lottery-service.ts";

/** What an admin sets on a campaign (dates as instants, the period as local dates). */
export interface CampaignInput {
  /** Office id or slug. */
  office: string;
  /** Concern slug or id. */
  service: string;
  name: { de: string; en?: string | null | undefined };
  applicationOpensAt: Date;
  applicationClosesAt: Date;
  drawAt: Date;
  notifyBy: Date;
  periodFrom: string;
  periodTo: string;
  confirmationDays: number;
  moveUpOfferDays: number;
  beaconAnnouncement: string | null;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])$/;

const DRAFT_MESSAGES: Record<CampaignDraftIssue["type"], [MessageKey, string]> = {
  WINDOW_ORDER: ["CAMPAIGN_WINDOW_ORDER", "applicationClosesAt"],
  DRAW_BEFORE_CLOSE: ["CAMPAIGN_DRAW_BEFORE_CLOSE", "drawAt"],
  NOTIFY_BEFORE_DRAW: ["CAMPAIGN_NOTIFY_BEFORE_DRAW", "notifyBy"],
  INVALID_PERIOD: ["CAMPAIGN_PERIOD_INVALID", "periodTo"],
  PERIOD_BEFORE_DRAW: ["CAMPAIGN_PERIOD_BEFORE_DRAW", "periodFrom"],
  CONFIRMATION_DAYS: ["CAMPAIGN_CONFIRMATION_DAYS", "confirmationDays"],
  MOVE_UP_DAYS: ["CAMPAIGN_MOVE_UP_DAYS", "moveUpOfferDays"],
  BEACON_ANNOUNCEMENT_TOO_LONG: ["CAMPAIGN_BEACON_TOO_LONG", "beaconAnnouncement"],
};

function poolError(rejection: PoolGenerationRejection): InputError {
  switch (rejection.type) {
    case "INVALID_PERIOD":
      return new InputError("CAMPAIGN_PERIOD_INVALID", "periodTo");
    case "PERIOD_TOO_LONG":
      return new InputError("CAMPAIGN_PERIOD_TOO_LONG", "periodTo", { maxDays: rejection.maxDays });
    case "POOL_TOO_LARGE":
      return new InputError("CAMPAIGN_POOL_TOO_LARGE", "periodTo", { maxSlots: rejection.maxSlots });
    case "INVALID_DURATION":
    case "OFFICE_CONFIGURATION":
      return new InputError("CAMPAIGN_OFFICE_CONFIGURATION", "office");
    default: {
      const never: never = rejection;
      throw new Error(`unknown pool rejection ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Case C for admins: campaigns with a slot pool generated from the office's opening rules
 * (reviewable, replaced on every change while a draft, fixed from publication on),
 * publication with the seed commitment, the announced beacon's value, and — in the demo
 * only — the draw at once. Rules come from core (validateCampaignDraft, generatePool,
 * decideCampaign); this reads, asks, writes.
 */
export class CampaignAdmin {
  constructor(
    private readonly repository: LotteryRepository,
    private readonly lottery: LotteryService,
    private readonly deps: {
      clock: () => Date;
      logger: Logger;
      catalog: CatalogCache;
      /** The office's opening rules as the scheduling engine sees them (id or slug; UNKNOWN_OFFICE otherwise). */
      officeSchedule: (tenant: Tenant, ref: string) => Promise<OfficeSchedule>;
      /** The demo's draw-now mutation: only with the demo seed, only for demo-* agencies. */
      demo: boolean;
    },
  ) {}

  /** Every campaign of the agency, drafts included. */
  campaigns(tenant: Tenant): Promise<CampaignRecord[]> {
    return this.repository.campaigns(tenant.id, true);
  }

  async campaign(tenant: Tenant, id: string): Promise<CampaignRecord> {
    const campaign = isUuid(id) ? await this.repository.campaignById(tenant.id, id) : await this.repository.campaignBySlug(tenant.id, id);
    if (!campaign) throw new NotFound();
    return campaign;
  }

  /** The pool for review: every appointment, in the draw's slot order. */
  pool(campaign: CampaignRecord): Promise<CampaignSlotRecord[]> {
    return this.repository.slots(campaign.tenantId, campaign.id);
  }

  async create(tenant: Tenant, actor: string, slug: string, input: CampaignInput): Promise<CampaignRecord> {
    if (!SLUG.test(slug)) throw new InputError("CAMPAIGN_SLUG_INVALID", "slug");
    const { record, slots } = await this.prepare(tenant, input);
    const id = await this.repository.createDraft({ ...record, slug, algorithmVersion: DRAW_ALGORITHM }, slots, actor, this.deps.clock());
    if (id === "SLUG_TAKEN") throw new InputError("CAMPAIGN_SLUG_TAKEN", "slug");
    this.deps.logger.info("lottery.campaign_created", { tenantId: tenant.id, campaignId: id, slots: slots.length });
    return (await this.repository.campaignById(tenant.id, id))!;
  }

  async update(tenant: Tenant, actor: string, id: string, input: CampaignInput): Promise<CampaignRecord> {
    const campaign = await this.campaign(tenant, id);
    this.refuse(decideCampaign({ type: "Update" }, this.lottery.snapshotOf(campaign), this.deps.clock()).ok);
    const { record, slots } = await this.prepare(tenant, input);
    if (!(await this.repository.updateDraft(campaign.id, record, slots, actor, this.deps.clock()))) throw new LotteryRefused("CAMPAIGN_STATE");
    return (await this.repository.campaignById(tenant.id, campaign.id))!;
  }

  async publish(tenant: Tenant, actor: string, id: string): Promise<CampaignRecord> {
    const campaign = await this.campaign(tenant, id);
    return this.lottery.publish(tenant.id, campaign.id, actor);
  }

  async enterBeacon(tenant: Tenant, actor: string, id: string, beacon: string): Promise<CampaignRecord> {
    const campaign = await this.campaign(tenant, id);
    const value = beacon.trim();
    const decision = decideCampaign({ type: "EnterBeacon", beacon: value }, this.lottery.snapshotOf(campaign), this.deps.clock());
    if (!decision.ok) {
      const type = decision.error.type;
      if (type === "INVALID_BEACON") throw new InputError("INVALID_BEACON", "beacon");
      throw new LotteryRefused(type === "NO_BEACON_ANNOUNCED" || type === "BEACON_ENTERED" ? type : "CAMPAIGN_STATE");
    }
    if (!(await this.repository.setBeacon(tenant.id, campaign.id, value, actor, this.deps.clock()))) throw new LotteryRefused("CAMPAIGN_STATE");
    return (await this.repository.campaignById(tenant.id, campaign.id))!;
  }

  /**
   * Demo only: closes the window now (if open) and draws at once, through the same steps
   * as the campaign clock (entry-list hash, draw, offers, mails). Refused for any agency
   * outside the demo, and for a campaign that is not open or closed.
   */
  async drawNow(tenant: Tenant, actor: string, id: string): Promise<CampaignRecord> {
    if (!this.deps.demo || !tenant.slug.startsWith("demo-")) throw new LotteryRefused("DEMO_ONLY");
    const campaign = await this.campaign(tenant, id);
    if (!(await this.repository.pullDrawForward(tenant.id, campaign.id, this.deps.clock(), actor))) throw new LotteryRefused("CAMPAIGN_STATE");
    await this.lottery.advanceCampaign(tenant.id, campaign.id);
    const after = (await this.repository.campaignById(tenant.id, campaign.id))!;
    if (after.status === "CLOSED" && after.beaconAnnouncement && !after.beacon) throw new LotteryRefused("BEACON_MISSING");
    return after;
  }

  /** Validates the input, resolves office and concern, and generates the pool. */
  private async prepare(tenant: Tenant, input: CampaignInput) {
    const name = { de: input.name.de.trim(), en: (input.name.en ?? "").trim() || input.name.de.trim() };
    if (!name.de || name.de.length > 200 || name.en.length > 200) throw new InputError("CAMPAIGN_NAME_REQUIRED", "name");
    const schedule = await this.deps.officeSchedule(tenant, input.office);
    const service = (await this.deps.catalog.services(tenant.id)).find((s) => s.slug === input.service || s.id === input.service);
    if (!service) throw new InputError("UNKNOWN_SERVICE", "service");
    const beaconAnnouncement = input.beaconAnnouncement?.trim() || null;
    const draft = { ...input, beaconAnnouncement };
    const valid = validateCampaignDraft(draft, schedule.office.timeZone);
    if (!valid.ok) {
      const [code, field] = DRAFT_MESSAGES[valid.error.type];
      throw new InputError(code, field, "max" in valid.error ? { max: valid.error.max } : {});
    }
    const pool = generatePool(schedule.office, service.id, service.durationMinutes, tenant.policy.slotGridMinutes, input.periodFrom, input.periodTo);
    if (!pool.ok) throw poolError(pool.error);
    if (pool.value.length === 0) throw new InputError("CAMPAIGN_POOL_EMPTY", "periodFrom");
    return {
      record: {
        tenantId: tenant.id,
        officeId: schedule.office.id,
        serviceId: service.id,
        name,
        applicationOpensAt: input.applicationOpensAt,
        applicationClosesAt: input.applicationClosesAt,
        drawAt: input.drawAt,
        notifyBy: input.notifyBy,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        confirmationDays: input.confirmationDays,
        moveUpOfferDays: input.moveUpOfferDays,
        beaconAnnouncement,
      },
      slots: pool.value.map((s) => ({ counterId: s.counterId, startsAt: s.start, endsAt: s.end })),
    };
  }

  private refuse(ok: boolean): void {
    if (!ok) throw new LotteryRefused("CAMPAIGN_STATE");
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
