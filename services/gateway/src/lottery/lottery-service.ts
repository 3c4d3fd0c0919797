import { createHash, createHmac, randomBytes } from "node:crypto";
import {
  type ApplicationRejection,
  type CampaignSnapshot,
  type DrawHashes,
  decideApplication,
  decideCampaign,
  describeSlot,
  entryList,
  entryListHash,
  type LotteryPreferences,
  type LotterySlot,
  moveUpCandidate,
  newEntryCode,
  newSeedCommitment,
  normalizePreferences,
  type OfficeInfo,
  offerReminderAt,
  periodEndsAt,
  runDraw,
  secretBytes,
  type Tenant,
} from "@terminvergabe/core";
import { type ApplicationRecord, type CampaignRecord, type DrawOutcome, hashToken, type LotteryOutboxInsert, type LotteryRepository, newToken } from "@terminvergabe/db";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import type { Logger } from "../logger.ts";
import { type MailCipher, sealMail } from "../mail/mail-cipher.ts";
import { LotteryRefused } from "./lottery-errors.ts";
import { type LotteryCalendar, type LotteryMail, renderLotteryMail } from "./lottery-mail.ts";

/** node:crypto behind the core's hash port. */
export const NODE_HASHES: DrawHashes = {
  sha256: (data) => createHash("sha256").update(data).digest(),
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
};

const SYSTEM = "system:lottery";

/** The customer a request acts for (from the session). */
export interface CustomerRef {
  tenantId: string;
  customerId: string;
}

/** How a customer proves an offer is theirs: the portal session or the mail link's token. */
export type OfferProof = { customer: CustomerRef; campaignSlug: string } | { token: string };

/**
 * Case C, the campaign's life as one area service: the campaign clock (open, close, draw,
 * finish), applications, offers, move-ups and the public record. Decisions come from the
 * core (deciders, draw); this only reads, asks the core and writes. Jobs and resolvers call
 * the same methods.
 */
export class LotteryService {
  constructor(
    private readonly repository: LotteryRepository,
    private readonly deps: {
      clock: () => Date;
      logger: Logger;
      publicUrl: string;
      tenantById: (id: string) => Promise<Tenant | null>;
      /** Asks for mail delivery after a commit that queued mails. */
      kickOutbox: () => void;
      /** The tenant's offices (a confirmed appointment's calendar file names the place). */
      offices?: (tenantId: string) => Promise<OfficeInfo[]>;
      /** Seals queued mails at rest (their links carry offer and verification tokens). */
      mailCipher?: MailCipher;
    },
  ) {}

  /** A mail as the outbox keeps it until delivery: sealed when a key is configured. */
  private sealed<T extends LotteryOutboxInsert | null>(mail: T): T {
    return mail && this.deps.mailCipher ? sealMail(this.deps.mailCipher, mail) : mail;
  }

  /** Public campaigns of a tenant (no drafts). */
  campaigns(tenant: Tenant): Promise<CampaignRecord[]> {
    return this.repository.campaigns(tenant.id);
  }

  async campaign(tenant: Tenant, slug: string): Promise<CampaignRecord | null> {
    const campaign = await this.repository.campaignBySlug(tenant.id, slug);
    return campaign && campaign.status !== "DRAFT" ? campaign : null;
  }

  /** The published record, null before the draw (or for an unknown campaign). */
  async record(tenant: Tenant, slug: string): Promise<Record<string, unknown> | null> {
    const campaign = await this.campaign(tenant, slug);
    if (!campaign || !campaign.drawnAt) return null;
    const record = (await this.repository.record(tenant.id, campaign.id)) as Record<string, unknown> | null;
    return record ? { algorithm: record.algorithm, tenant: tenant.slug, campaign: campaign.slug, ...record } : null;
  }

  /** Publishes a draft: a fresh 32-byte secret stays server-side, its SHA-256 becomes public. */
  async publish(tenantId: string, campaignId: string, actor: string): Promise<CampaignRecord> {
    const campaign = await this.repository.campaignById(tenantId, campaignId);
    if (!campaign) throw new NotFound();
    const { secret, commitment } = newSeedCommitment(NODE_HASHES, randomBytes(32));
    const decision = decideCampaign({ type: "Publish", commitment }, this.snapshot(campaign), this.deps.clock());
    if (!decision.ok) throw new LotteryRefused("CAMPAIGN_STATE", { reason: decision.error.type });
    if (!(await this.repository.publish(tenantId, campaignId, commitment, secret, actor, this.deps.clock()))) throw new LotteryRefused("CAMPAIGN_STATE");
    return (await this.repository.campaignById(tenantId, campaignId))!;
  }

  /**
   * The campaign clock: every step that is due (open, close, draw, finish) runs once; a step
   * that ran already elsewhere is refused by its condition and skipped. Returns the steps taken.
   */
  async advance(): Promise<number> {
    const now = this.deps.clock();
    let steps = 0;
    for (const campaign of await this.repository.dueCampaigns(now)) {
      try {
        if (await this.stepCampaign(campaign, now)) steps++;
      } catch (error) {
        this.deps.logger.error("lottery.step_failed", { campaignId: campaign.id, status: campaign.status, message: (error as Error).message });
      }
    }
    return steps;
  }

  /** Takes every step of one campaign that is due now (the demo's draw-now); returns how many. */
  async advanceCampaign(tenantId: string, campaignId: string): Promise<number> {
    let steps = 0;
    for (let i = 0; i < 4; i++) {
      const campaign = await this.repository.campaignById(tenantId, campaignId);
      if (!campaign || !(await this.stepCampaign(campaign, this.deps.clock()))) break;
      steps++;
    }
    return steps;
  }

  private async stepCampaign(campaign: CampaignRecord, now: Date): Promise<boolean> {
    const state = this.snapshot(campaign);
    switch (campaign.status) {
      case "PUBLISHED":
        return decideCampaign({ type: "OpenWindow" }, state, now).ok && this.repository.step(campaign.tenantId, campaign.id, "PUBLISHED", "OPEN", SYSTEM, now);
      case "OPEN":
        return this.closeWindow(campaign, now);
      case "CLOSED":
        return (await this.draw(campaign.tenantId, campaign.id)) === "DRAWN";
      case "DRAWN":
        return decideCampaign({ type: "Finish" }, state, now).ok && this.repository.step(campaign.tenantId, campaign.id, "DRAWN", "FINISHED", SYSTEM, now);
      default:
        return false;
    }
  }

  private async closeWindow(campaign: CampaignRecord, now: Date): Promise<boolean> {
    const decision = decideCampaign({ type: "CloseWindow", entryListHash: "", entries: 0 }, this.snapshot(campaign), now);
    if (!decision.ok) return false;
    const closed = await this.repository.closeWindow(campaign.tenantId, campaign.id, now, SYSTEM, (codes) => {
      const list = entryList(codes);
      if (!list.ok) throw new Error(`campaign ${campaign.id}: ${list.error.type} ${list.error.entryCode}`);
      return entryListHash(NODE_HASHES, list.value);
    });
    if (closed) this.deps.logger.info("lottery.window_closed", { campaignId: campaign.id, entries: closed.entryCount });
    return closed !== null;
  }

  /**
   * The draw: a pure function of the fixed entry list, the committed secret and the beacon,
   * saved in one transaction that only a CLOSED campaign accepts. Running it again — after a
   * crash, or on a second instance — recomputes the same result and saves nothing.
   */
  async draw(tenantId: string, campaignId: string): Promise<"DRAWN" | "ALREADY_DRAWN" | "NOT_DUE"> {
    const now = this.deps.clock();
    const campaign = await this.repository.campaignById(tenantId, campaignId);
    if (!campaign) throw new NotFound();
    if (campaign.status !== "CLOSED") return campaign.drawnAt ? "ALREADY_DRAWN" : "NOT_DUE";
    const decision = decideCampaign({ type: "Draw", seed: "" }, this.snapshot(campaign), now);
    if (!decision.ok) return "NOT_DUE";
    const tenant = await this.deps.tenantById(tenantId);
    if (!tenant) throw new Error(`campaign ${campaignId} of a missing tenant`);
    const inputs = await this.repository.drawInputs(tenantId, campaignId);
    const secret = inputs.secretHex ? secretBytes(inputs.secretHex) : null;
    if (!secret) throw new Error(`campaign ${campaignId} has no usable secret`);
    const slots = await this.poolOf(campaign);
    const result = runDraw(NODE_HASHES, { secret, commitment: campaign.seedCommitment, beacon: campaign.beacon ?? "", slots, applications: inputs.entries });
    if (!result.ok) throw new Error(`draw of ${campaignId} refused: ${JSON.stringify(result.error)}`);
    const record = result.value;
    if (record.entryListHash !== campaign.entryListHash) throw new Error(`draw of ${campaignId}: the entry list changed after the window closed`);
    const slotById = new Map(slots.map((s) => [s.id, s]));
    const tokens = new Map<string, string>();
    const outcomes: DrawOutcome[] = record.entries.map((entry) => {
      if (!entry.slot) return { entryCode: entry.entryCode, rank: entry.rank, slotId: null, offerDeadline: null, offerTokenHash: null, reminderAt: null };
      const slotStart = new Date(slotById.get(entry.slot)!.start);
      const offer = decideApplication({ type: "OfferSlot", slotStart, confirmationDays: campaign.confirmationDays }, { state: "APPLIED", offerDeadline: null, slotStart: null }, now);
      // An appointment too close to answer for stays free for the move-ups (none in practice: the period starts weeks later).
      if (!offer.ok) return { entryCode: entry.entryCode, rank: entry.rank, slotId: null, offerDeadline: null, offerTokenHash: null, reminderAt: null };
      const event = offer.value[0] as Extract<(typeof offer.value)[number], { type: "Offered" }>;
      const token = newToken();
      tokens.set(entry.entryCode, token);
      return {
        entryCode: entry.entryCode,
        rank: entry.rank,
        slotId: entry.slot,
        offerDeadline: event.offerDeadline,
        offerTokenHash: hashToken(token),
        reminderAt: offerReminderAt(now, event.offerDeadline),
      };
    });
    const byCode = new Map(outcomes.map((o) => [o.entryCode, o]));
    const name = campaign.name[tenant.locale] ?? campaign.name.de ?? campaign.slug;
    const saved = await this.repository.saveDraw({
      tenantId,
      campaignId,
      now,
      record,
      secretHex: record.secret,
      outcomes,
      actor: SYSTEM,
      mails: (rows) =>
        rows.map((row) => {
          const outcome = byCode.get(row.entryCode)!;
          const mail: LotteryMail = outcome.slotId
            ? {
                kind: "offer",
                campaign: name,
                start: new Date(slotById.get(outcome.slotId)!.start),
                deadline: outcome.offerDeadline!,
                link: this.offerLink(tenant, tokens.get(row.entryCode)!),
                movedUp: false,
              }
            : { kind: "waitlisted", campaign: name, rank: outcome.rank };
          return { applicationId: row.applicationId, mail: this.sealed(renderLotteryMail(mail, row.contact, tenant.timeZone)) };
        }),
    });
    if (!saved) return "ALREADY_DRAWN";
    this.deps.logger.info("lottery.drawn", { campaignId, entries: outcomes.length, offered: tokens.size });
    this.deps.kickOutbox();
    return "DRAWN";
  }

  /** The pool as the record describes it (office slug, counter id, local weekday and time). */
  private async poolOf(campaign: CampaignRecord): Promise<LotterySlot[]> {
    const slots = await this.repository.slots(campaign.tenantId, campaign.id);
    return slots.map((s) => describeSlot({ id: s.id, office: s.officeSlug, counter: s.counterId, startsAt: s.startsAt, timeZone: s.timeZone }));
  }

  private offerLink(tenant: Tenant, token: string): string {
    return `${this.deps.publicUrl}/portal/${encodeURIComponent(tenant.slug)}/offer#token=${token}`;
  }

  // --- the customer's side ---------------------------------------------------------------

  /** The customer's application in a campaign, if any. */
  async applicationOf(customer: CustomerRef, campaign: CampaignRecord): Promise<ApplicationRecord | null> {
    if (customer.tenantId !== campaign.tenantId) return null;
    return this.repository.application(campaign.tenantId, campaign.id, customer.customerId);
  }

  applicationsOf(customer: CustomerRef): Promise<ApplicationRecord[]> {
    return this.repository.applicationsOfCustomer(customer.tenantId, customer.customerId);
  }

  /** Files (or re-files after a withdrawal) the customer's one application, or changes its preferences. */
  async apply(customer: CustomerRef, tenant: Tenant, slug: string, preferences: LotteryPreferences): Promise<ApplicationRecord> {
    const campaign = await this.requireCampaign(customer, tenant, slug);
    const normalized = normalizePreferences(preferences);
    if (!normalized) throw new InputError("INVALID_PREFERENCES", "preferences");
    const now = this.deps.clock();
    const window = { applicationOpensAt: campaign.applicationOpensAt, applicationClosesAt: campaign.applicationClosesAt };
    const existing = await this.repository.application(tenant.id, campaign.id, customer.customerId);
    if (existing && existing.state === "APPLIED") {
      this.refuse(decideApplication({ type: "ChangePreferences", window }, existing, now));
      if (!(await this.repository.setPreferences(tenant.id, existing.id, normalized, now))) throw new LotteryRefused("APPLICATION_WINDOW_CLOSED");
      return (await this.repository.applicationById(tenant.id, existing.id))!;
    }
    this.refuse(decideApplication({ type: "Apply", window }, existing, now));
    for (let attempt = 0; attempt < 5; attempt++) {
      const entryCode = existing?.entryCode ?? newEntryCode(randomBytes(7));
      const result = await this.repository.apply({ tenantId: tenant.id, campaignId: campaign.id, customerId: customer.customerId, entryCode, preferences: normalized, now });
      if ("application" in result) return result.application;
      if (result.reason === "EXISTS") throw new LotteryRefused("ALREADY_APPLIED");
      if (result.reason === "NOT_OPEN") throw new LotteryRefused("CAMPAIGN_NOT_OPEN");
    }
    throw new Error("no free entry code after 5 attempts");
  }

  /** Withdraws before the window closes, or leaves the waiting list at any time. */
  async withdraw(customer: CustomerRef, tenant: Tenant, slug: string): Promise<ApplicationRecord> {
    const campaign = await this.requireCampaign(customer, tenant, slug);
    const application = await this.requireApplication(customer, campaign);
    const window = { applicationOpensAt: campaign.applicationOpensAt, applicationClosesAt: campaign.applicationClosesAt };
    this.refuse(decideApplication({ type: "Withdraw", window }, application, this.deps.clock()));
    return this.change(application, ["APPLIED", "WAITLISTED"], "WITHDRAWN", `customer:${customer.customerId}`, "application.withdrawn", null);
  }

  async confirmOffer(proof: OfferProof, tenant: Tenant): Promise<ApplicationRecord> {
    const application = await this.offerOf(proof, tenant);
    this.refuse(decideApplication({ type: "ConfirmOffer" }, application, this.deps.clock()));
    const campaign = (await this.repository.campaignById(tenant.id, application.campaignId))!;
    const mail: LotteryMail = { kind: "confirmed", campaign: this.nameOf(campaign, tenant), start: application.slotStart!, calendar: await this.calendarOf(tenant, campaign, application) };
    return this.change(application, ["OFFERED"], "CONFIRMED", this.actorOf(proof, application), "application.confirmed", mail);
  }

  async declineOffer(proof: OfferProof, tenant: Tenant): Promise<ApplicationRecord> {
    const application = await this.offerOf(proof, tenant);
    this.refuse(decideApplication({ type: "DeclineOffer" }, application, this.deps.clock()));
    return this.change(application, ["OFFERED"], "DECLINED", this.actorOf(proof, application), "application.declined", null);
  }

  /** A confirmed winner who cannot come: the slot moves up to the waiting list. */
  async cancelAppointment(customer: CustomerRef, tenant: Tenant, slug: string): Promise<ApplicationRecord> {
    const campaign = await this.requireCampaign(customer, tenant, slug);
    const application = await this.requireApplication(customer, campaign);
    this.refuse(decideApplication({ type: "CancelAppointment" }, application, this.deps.clock()));
    const mail: LotteryMail = { kind: "cancelled", campaign: this.nameOf(campaign, tenant), start: application.slotStart!, calendar: await this.calendarOf(tenant, campaign, application) };
    return this.change(application, ["CONFIRMED"], "CANCELLED", `customer:${customer.customerId}`, "application.cancelled", mail);
  }

  /**
   * Before an account is deleted: every open application is given up — withdrawn while the
   * window is open or from the waiting list, an offer declined, a confirmed appointment
   * cancelled with notice (mail with METHOD:CANCEL) — so freed slots move up at once.
   * Refused while a campaign with an application of the customer is between close and draw
   * (its entry list is fixed and must be drawn as published).
   */
  async releaseAllOf(customer: CustomerRef, reason: { de: string; en: string }): Promise<number> {
    const tenant = await this.deps.tenantById(customer.tenantId);
    if (!tenant) throw new NotFound();
    const applications = await this.repository.applicationsOfCustomer(customer.tenantId, customer.customerId);
    const campaigns = new Map<string, CampaignRecord>();
    for (const a of applications) {
      const campaign = await this.repository.campaignById(customer.tenantId, a.campaignId);
      if (campaign) campaigns.set(a.campaignId, campaign);
      if (a.state === "APPLIED" && campaign?.status === "CLOSED") throw new LotteryRefused("DRAW_PENDING");
    }
    const actor = `customer:${customer.customerId}:account-deleted`;
    let released = 0;
    for (const a of applications) {
      const campaign = campaigns.get(a.campaignId);
      if (!campaign) continue;
      const name = this.nameOf(campaign, tenant);
      let done: ApplicationRecord | null = null;
      if (a.state === "APPLIED" || a.state === "WAITLISTED") done = await this.change(a, ["APPLIED", "WAITLISTED"], "WITHDRAWN", actor, "application.withdrawn", null);
      else if (a.state === "OFFERED") done = await this.change(a, ["OFFERED"], "DECLINED", actor, "application.declined", null);
      else if (a.state === "CONFIRMED" && a.slotStart && a.slotStart.getTime() > this.deps.clock().getTime()) {
        const mail: LotteryMail = { kind: "cancelled", campaign: name, start: a.slotStart, calendar: await this.calendarOf(tenant, campaign, a), reason };
        done = await this.change(a, ["CONFIRMED"], "CANCELLED", actor, "application.cancelled", mail);
      }
      if (done) released++;
    }
    return released;
  }

  /**
   * A confirmed appointment's calendar file as the confirmation mail carried it (same UID),
   * for the portal's download; null in any other state.
   */
  async calendarFile(tenant: Tenant, application: ApplicationRecord, to: { email: string; name: string; locale: string }): Promise<string | null> {
    if (application.state !== "CONFIRMED" || !application.slotStart) return null;
    const campaign = await this.repository.campaignById(tenant.id, application.campaignId);
    if (!campaign) return null;
    const mail: LotteryMail = { kind: "confirmed", campaign: this.nameOf(campaign, tenant), start: application.slotStart, calendar: await this.calendarOf(tenant, campaign, application) };
    return renderLotteryMail(mail, to, tenant.timeZone).icsContent ?? null;
  }

  /** The calendar file's details of an offered or confirmed appointment. */
  private async calendarOf(tenant: Tenant, campaign: CampaignRecord, application: ApplicationRecord): Promise<LotteryCalendar | null> {
    if (!application.slotStart || !application.slotEnd) return null;
    const office = (await this.deps.offices?.(tenant.id))?.find((o) => o.id === campaign.officeId);
    const place = office ? `${office.name[tenant.locale] || office.name.de}, ${office.address.street}, ${office.address.postalCode} ${office.address.city}` : "";
    const host = new URL(this.deps.publicUrl).hostname || "terminvergabe.invalid";
    return {
      uid: `lottery-${application.id}@${host}`,
      end: application.slotEnd,
      location: place,
      organizer: { email: tenant.contactEmail ?? `no-reply@${host}`, name: tenant.name[tenant.locale] || tenant.name.de },
      stamp: this.deps.clock(),
    };
  }

  // --- jobs ------------------------------------------------------------------------------

  /** An offer's deadline passed unanswered: EXPIRED, and its slot moves up. No-op when answered meanwhile. */
  async expireOffer(tenantId: string, applicationId: string): Promise<boolean> {
    const application = await this.repository.applicationById(tenantId, applicationId);
    if (!application) return false;
    const decision = decideApplication({ type: "ExpireOffer" }, application, this.deps.clock());
    if (!decision.ok) return false;
    const tenant = await this.deps.tenantById(tenantId);
    const campaign = await this.repository.campaignById(tenantId, application.campaignId);
    const mail: LotteryMail | null = tenant && campaign ? { kind: "expired", campaign: this.nameOf(campaign, tenant) } : null;
    await this.change(application, ["OFFERED"], "EXPIRED", "system:lottery-offer-expiry", "application.expired", mail);
    return true;
  }

  /** Reminds a winner of an unanswered offer's deadline (job planned with the offer); no-op once answered. */
  async remindOffer(tenantId: string, applicationId: string): Promise<boolean> {
    const application = await this.repository.applicationById(tenantId, applicationId);
    if (!application?.offerDeadline || !application.slotStart) return false;
    const offerDeadline = application.offerDeadline;
    if (!decideApplication({ type: "RemindOffer", offerDeadline }, application, this.deps.clock()).ok) return false;
    const tenant = await this.deps.tenantById(tenantId);
    const campaign = await this.repository.campaignById(tenantId, application.campaignId);
    if (!tenant || !campaign) return false;
    const mail: LotteryMail = { kind: "offer-reminder", campaign: this.nameOf(campaign, tenant), start: application.slotStart, deadline: offerDeadline, link: null };
    const sent = await this.repository.remindOffer({
      tenantId,
      applicationId,
      offerDeadline,
      now: this.deps.clock(),
      mail: (contact) => this.sealed(renderLotteryMail(mail, contact, tenant.timeZone)),
    });
    if (sent) this.deps.kickOutbox();
    return sent;
  }

  /**
   * Moving up by lot: a freed slot goes to the best-ranked waitlisted application whose
   * preferences it fits (core `moveUpCandidate`), with the shorter move-up deadline. When
   * nobody fits, or the appointment is too close, the slot stays free.
   */
  async moveUp(tenantId: string, campaignId: string, slotId: string): Promise<string | null> {
    const now = this.deps.clock();
    const campaign = await this.repository.campaignById(tenantId, campaignId);
    const tenant = await this.deps.tenantById(tenantId);
    if (!campaign || !tenant || campaign.status !== "DRAWN") return null;
    if (await this.repository.slotHeld(tenantId, slotId)) return null;
    const slot = (await this.poolOf(campaign)).find((s) => s.id === slotId);
    if (!slot) return null;
    const slotStart = new Date(slot.start);
    let waiting = await this.repository.waiting(tenantId, campaignId);
    // A candidate that is no longer waiting when written (withdrew meanwhile) gives way to the next.
    for (let attempt = 0; attempt < 10; attempt++) {
      const next = moveUpCandidate(slot, waiting);
      if (!next) return null;
      const candidate = waiting.find((w) => w.entryCode === next.entryCode)!;
      const offer = decideApplication({ type: "MoveUp", slotStart, offerDays: campaign.moveUpOfferDays }, { state: "WAITLISTED", offerDeadline: null, slotStart: null }, now);
      if (!offer.ok) return null;
      const event = offer.value[0] as Extract<(typeof offer.value)[number], { type: "Offered" }>;
      const token = newToken();
      const moved = await this.repository.moveUp({
        tenantId,
        campaignId,
        applicationId: candidate.id,
        entryCode: candidate.entryCode,
        slotId,
        offerDeadline: event.offerDeadline,
        offerTokenHash: hashToken(token),
        now,
        reminderAt: offerReminderAt(now, event.offerDeadline),
        mail: (contact) =>
          this.sealed(
            renderLotteryMail(
              { kind: "offer", campaign: this.nameOf(campaign, tenant), start: slotStart, deadline: event.offerDeadline, link: this.offerLink(tenant, token), movedUp: true },
              contact,
              tenant.timeZone,
            ),
          ),
      });
      if (moved) {
        this.deps.logger.info("lottery.moved_up", { campaignId, slotId, rank: candidate.rank });
        this.deps.kickOutbox();
        return candidate.id;
      }
      if (await this.repository.slotHeld(tenantId, slotId)) return null;
      waiting = waiting.filter((w) => w !== candidate);
    }
    return null;
  }

  // --- helpers ---------------------------------------------------------------------------

  private async change(
    application: ApplicationRecord,
    from: ApplicationRecord["state"][],
    to: ApplicationRecord["state"],
    actor: string,
    action: string,
    mail: LotteryMail | null,
  ): Promise<ApplicationRecord> {
    const tenant = mail ? await this.deps.tenantById(application.tenantId) : null;
    const contact = mail ? await this.repository.contactOf(application.tenantId, application.id) : null;
    const releaseSlot = to === "DECLINED" || to === "EXPIRED" || to === "CANCELLED" || to === "WITHDRAWN";
    const done = await this.repository.change({
      tenantId: application.tenantId,
      applicationId: application.id,
      from,
      to,
      actor,
      action,
      now: this.deps.clock(),
      releaseSlot,
      mail: mail && tenant && contact ? this.sealed(renderLotteryMail(mail, contact, tenant.timeZone)) : null,
    });
    if (done === false) throw new LotteryRefused("APPLICATION_STATE");
    if (mail) this.deps.kickOutbox();
    return (await this.repository.applicationById(application.tenantId, application.id))!;
  }

  private async offerOf(proof: OfferProof, tenant: Tenant): Promise<ApplicationRecord> {
    if ("token" in proof) {
      // Only the hash is stored; a wrong or used token finds nothing and looks like no offer at all.
      const application = proof.token.length > 0 && proof.token.length <= 200 ? await this.repository.applicationByOfferToken(tenant.id, hashToken(proof.token)) : null;
      if (!application) throw new NotFound();
      return application;
    }
    const campaign = await this.requireCampaign(proof.customer, tenant, proof.campaignSlug);
    return this.requireApplication(proof.customer, campaign);
  }

  private actorOf(proof: OfferProof, application: ApplicationRecord): string {
    return "token" in proof ? `customer:${application.customerId}:link` : `customer:${proof.customer.customerId}`;
  }

  private async requireCampaign(customer: CustomerRef, tenant: Tenant, slug: string): Promise<CampaignRecord> {
    if (customer.tenantId !== tenant.id) throw new NotFound();
    const campaign = await this.campaign(tenant, slug);
    if (!campaign) throw new NotFound();
    return campaign;
  }

  private async requireApplication(customer: CustomerRef, campaign: CampaignRecord): Promise<ApplicationRecord> {
    const application = await this.repository.application(campaign.tenantId, campaign.id, customer.customerId);
    if (!application) throw new NotFound();
    return application;
  }

  private nameOf(campaign: CampaignRecord, tenant: Tenant): string {
    return campaign.name[tenant.locale] ?? campaign.name.de ?? campaign.slug;
  }

  /** Throws the schema error for a core rejection. */
  private refuse(decision: { ok: true } | { ok: false; error: ApplicationRejection }): void {
    if (decision.ok) return;
    const rejection = decision.error;
    switch (rejection.type) {
      case "ALREADY_APPLIED":
        throw new LotteryRefused("ALREADY_APPLIED");
      case "NOT_FOUND":
        throw new NotFound();
      case "WINDOW_NOT_OPEN":
        throw new LotteryRefused("CAMPAIGN_NOT_OPEN");
      case "WINDOW_CLOSED":
        throw new LotteryRefused("APPLICATION_WINDOW_CLOSED");
      case "WRONG_STATE":
        throw new LotteryRefused("APPLICATION_STATE");
      case "OFFER_EXPIRED":
        throw new LotteryRefused("OFFER_EXPIRED");
      case "TOO_LATE":
        throw new LotteryRefused("APPOINTMENT_STARTED");
      case "NOT_DUE":
        throw new LotteryRefused("APPLICATION_STATE");
      default: {
        const never: never = rejection;
        throw new Error(`unknown rejection ${JSON.stringify(never)}`);
      }
    }
  }

  /** Campaign dates are read in the deployment's zone (every agency so far is in Europe/Berlin). */
  private readonly timeZone = "Europe/Berlin";

  /** The campaign as the core's decider sees it. */
  snapshotOf(campaign: CampaignRecord): CampaignSnapshot {
    return this.snapshot(campaign);
  }

  private snapshot(campaign: CampaignRecord): CampaignSnapshot {
    return {
      status: campaign.status,
      applicationOpensAt: campaign.applicationOpensAt,
      applicationClosesAt: campaign.applicationClosesAt,
      drawAt: campaign.drawAt,
      periodEndsAt: periodEndsAt(campaign.periodTo, this.timeZone) ?? campaign.drawAt,
      slotCount: campaign.slotCount,
      beaconAnnounced: campaign.beaconAnnouncement !== null,
      beaconValue: campaign.beacon,
    };
  }
}
