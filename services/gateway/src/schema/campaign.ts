import { type LocalizedText, TIMES_OF_DAY, type Tenant } from "@terminvergabe/core";
import type { ApplicationRecord, CampaignRecord } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import { LotteryRefused } from "../lottery/lottery-errors.ts";
import type { CustomerRef } from "../lottery/lottery-service.ts";
import { plainErrorType } from "./errors.ts";
import { localeArg, text } from "./localized.ts";
import { publicApi } from "./public.ts";
import { TenantRef } from "./tenant.ts";

/** A campaign with the tenant it was read for (its record URL needs the slug). */
export interface CampaignView {
  tenant: Tenant;
  campaign: CampaignRecord;
}

function localizedName(campaign: CampaignRecord): LocalizedText {
  const de = campaign.name.de ?? campaign.slug;
  return { de, en: campaign.name.en ?? de };
}

/** The tenant named by a customer operation, for its scope; unknown → an id nobody holds. */
const customerOfArg = async (_root: unknown, args: { tenant: string }, ctx: Context) => ({
  customerOf: (await ctx.tenantBySlug(args.tenant))?.id ?? "unknown-tenant",
});

async function signedInCustomer(ctx: Context, slug: string): Promise<{ tenant: Tenant; customer: CustomerRef }> {
  const tenant = await ctx.tenantBySlug(slug);
  const viewer = ctx.viewer;
  if (!tenant || viewer.kind !== "customer" || viewer.tenantId !== tenant.id) throw new LotteryRefused("CUSTOMER_REQUIRED");
  return { tenant, customer: { tenantId: viewer.tenantId, customerId: viewer.customerId } };
}

const CampaignStatusEnum = builder.enumType("CampaignStatus", {
  description:
    "DRAFT: being prepared (admins only); PUBLISHED: commitment public, window not open yet; OPEN: taking applications; CLOSED: entry list fixed, draw pending; DRAWN: offers out, waiting list moving up; FINISHED: period over.",
  values: ["DRAFT", "PUBLISHED", "OPEN", "CLOSED", "DRAWN", "FINISHED"] as const,
});

const ApplicationStateEnum = builder.enumType("ApplicationState", {
  values: ["APPLIED", "OFFERED", "CONFIRMED", "EXPIRED", "DECLINED", "WAITLISTED", "WITHDRAWN", "CANCELLED"] as const,
});

const TimeOfDayEnum = builder.enumType("TimeOfDay", {
  description: "MORNING: starts before 12:00; AFTERNOON: 12:00 to before 17:00; EVENING: from 17:00 (office time).",
  values: TIMES_OF_DAY,
});

const PreferencesInput = builder.inputType("LotteryPreferencesInput", {
  description: "What the applicant accepts; an empty or missing list accepts everything. The earliest fitting free slot is always taken.",
  fields: (t) => ({
    offices: t.stringList({ required: false, description: "Office slugs." }),
    weekdays: t.intList({ required: false, description: "ISO weekdays: 1 Monday … 7 Sunday." }),
    timesOfDay: t.field({ type: [TimeOfDayEnum], required: false }),
  }),
});

/** An application's preferences with the tenant they belong to (for the scope). */
type PreferencesView = Pick<ApplicationRecord, "tenantId" | "preferences">;

const PreferencesRef = builder.objectRef<PreferencesView>("LotteryPreferences").implement({
  authScopes: (p) => ({ customerOf: p.tenantId }),
  fields: (t) => ({
    offices: t.stringList({ resolve: (p) => [...p.preferences.offices] }),
    weekdays: t.intList({ resolve: (p) => [...p.preferences.weekdays] }),
    timesOfDay: t.field({ type: [TimeOfDayEnum], resolve: (p) => [...p.preferences.timesOfDay] }),
  }),
});

export const ApplicationRef = builder.objectRef<ApplicationRecord>("Application").implement({
  description: "A customer's request (Terminanfrage) in a campaign; only its customer sees it.",
  authScopes: (a) => ({ customerOf: a.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    entryCode: t.exposeString("entryCode", { description: "The pseudonymous code under which the entry appears in the published record." }),
    state: t.field({ type: ApplicationStateEnum, resolve: (a) => a.state }),
    campaignId: t.exposeID("campaignId"),
    preferences: t.field({ type: PreferencesRef, resolve: (a) => a }),
    lotteryRank: t.exposeInt("lotteryRank", { nullable: true, description: "From the draw; 1 is drawn first." }),
    appointmentStart: t.field({ type: "DateTime", nullable: true, description: "The offered or confirmed appointment.", resolve: (a) => a.slotStart }),
    appointmentEnd: t.field({ type: "DateTime", nullable: true, resolve: (a) => a.slotEnd }),
    offerDeadline: t.field({ type: "DateTime", nullable: true, description: "Confirm or decline before this.", resolve: (a) => a.offerDeadline }),
    calendarFile: t.string({
      nullable: true,
      description: "The confirmed appointment as an iCalendar file (.ics text, as in the confirmation mail); null in any other state.",
      resolve: async (a, _args, ctx) => {
        const viewer = ctx.viewer;
        if (a.state !== "CONFIRMED" || viewer.kind !== "customer") return null;
        const tenant = await ctx.services.tenants.byId(a.tenantId);
        return tenant ? ctx.services.lottery.calendarFile(tenant, a, { email: viewer.customer.email, name: viewer.customer.name, locale: ctx.locale }) : null;
      },
    }),
  }),
});

interface RecordView extends CampaignView {
  record: Record<string, unknown>;
}

const DrawRecordRef = builder.objectRef<RecordView>("DrawRecord").implement({
  extensions: publicApi("the published draw record holds no personal data: entry codes, preferences as codes, ranks, allocations"),
  description: "The published record of a draw (docs/lottery.md); the complete JSON is at `url`.",
  fields: (t) => ({
    algorithm: t.string({ resolve: (r) => String(r.record.algorithm) }),
    commitment: t.string({ resolve: (r) => String(r.record.commitment) }),
    secret: t.string({ description: "The revealed secret (hex).", resolve: (r) => String(r.record.secret) }),
    beacon: t.string({ resolve: (r) => String(r.record.beacon ?? "") }),
    entryListHash: t.string({ resolve: (r) => String(r.record.entryListHash) }),
    drawSeed: t.string({ resolve: (r) => String(r.record.drawSeed) }),
    entries: t.int({ resolve: (r) => (r.record.entries as unknown[]).length }),
    url: t.string({
      description: "The complete record as JSON: check it with tools/verify-draw/verify_draw.py.",
      resolve: (r, _args, ctx) => `${ctx.services.config.publicUrl}/draws/${encodeURIComponent(r.tenant.slug)}/${encodeURIComponent(r.campaign.slug)}.json`,
    }),
  }),
});

export const CampaignRef = builder.objectRef<CampaignView>("Campaign").implement({
  extensions: publicApi("public announcement of a lottery campaign (Vergabeverfahren)"),
  description: "A lottery campaign: window, period, state, the seed commitment and, after the draw, its public record.",
  fields: (t) => ({
    id: t.id({ resolve: (v) => v.campaign.id }),
    slug: t.string({ resolve: (v) => v.campaign.slug }),
    name: t.string({ args: localeArg, resolve: (v, args, ctx) => text(localizedName(v.campaign), args, ctx) }),
    status: t.field({ type: CampaignStatusEnum, resolve: (v) => v.campaign.status as "OPEN" }),
    applicationOpensAt: t.field({ type: "DateTime", resolve: (v) => v.campaign.applicationOpensAt }),
    applicationClosesAt: t.field({ type: "DateTime", resolve: (v) => v.campaign.applicationClosesAt }),
    drawAt: t.field({ type: "DateTime", resolve: (v) => v.campaign.drawAt }),
    notifyBy: t.field({ type: "DateTime", resolve: (v) => v.campaign.notifyBy }),
    periodFrom: t.field({ type: "Date", resolve: (v) => v.campaign.periodFrom }),
    periodTo: t.field({ type: "Date", resolve: (v) => v.campaign.periodTo }),
    confirmationDays: t.int({ resolve: (v) => v.campaign.confirmationDays }),
    moveUpOfferDays: t.int({ resolve: (v) => v.campaign.moveUpOfferDays }),
    slotCount: t.int({ description: "Appointments in the pool.", resolve: (v) => v.campaign.slotCount }),
    algorithm: t.string({ resolve: (v) => v.campaign.algorithmVersion }),
    commitment: t.string({ description: "SHA-256 (hex) of the secret seed, public before the window opens.", resolve: (v) => v.campaign.seedCommitment }),
    beaconAnnouncement: t.string({ nullable: true, description: "The public random value announced in advance, if any.", resolve: (v) => v.campaign.beaconAnnouncement }),
    beacon: t.string({ nullable: true, description: "The announced random value once entered (after the window closed, before the draw).", resolve: (v) => v.campaign.beacon }),
    entryListHash: t.string({ nullable: true, description: "Published when the window closes.", resolve: (v) => v.campaign.entryListHash }),
    entryCount: t.int({ nullable: true, resolve: (v) => v.campaign.entryCount }),
    record: t.field({
      type: DrawRecordRef,
      nullable: true,
      description: "The draw's public record; null before the draw.",
      resolve: async (v, _args, ctx) => {
        const record = await ctx.services.lottery.record(v.tenant, v.campaign.slug);
        return record ? { ...v, record } : null;
      },
    }),
  }),
});

builder.objectField(CampaignRef, "myApplication", (t) =>
  t.field({
    type: ApplicationRef,
    nullable: true,
    description: "The signed-in customer's application in this campaign; null for anyone else.",
    authScopes: (v) => ({ customerOf: v.campaign.tenantId }),
    unauthorizedResolver: () => null,
    resolve: (v, _args, ctx) =>
      ctx.viewer.kind === "customer" ? ctx.services.lottery.applicationOf({ tenantId: ctx.viewer.tenantId, customerId: ctx.viewer.customerId }, v.campaign) : null,
  }),
);

builder.objectField(TenantRef, "campaigns", (t) =>
  t.field({
    type: [CampaignRef],
    extensions: publicApi("public announcements of lottery campaigns"),
    description: "The agency's lottery campaigns (drafts excluded).",
    resolve: async (tenant, _args, ctx) => (await ctx.services.lottery.campaigns(tenant)).map((campaign) => ({ tenant, campaign })),
  }),
);

builder.queryField("campaign", (t) =>
  t.field({
    type: CampaignRef,
    nullable: true,
    extensions: publicApi("public announcement of a lottery campaign"),
    description: "A lottery campaign by agency and slug; null when unknown.",
    args: { tenant: t.arg.string({ required: true }), slug: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = await ctx.tenantBySlug(args.tenant);
      const campaign = tenant ? await ctx.services.lottery.campaign(tenant, args.slug) : null;
      return tenant && campaign ? { tenant, campaign } : null;
    },
  }),
);

plainErrorType(LotteryRefused, "LotteryRefused", "The campaign or the application's state does not allow this now (see `code`).");

const errors = (name: string) => ({ types: [LotteryRefused, NotFound, InputError], directResult: true as const, union: { name } });

builder.mutationField("applyToCampaign", (t) =>
  t.field({
    type: ApplicationRef,
    description: "Files the customer's one application in an open campaign, or changes its preferences while the window is open. When you apply does not matter.",
    authScopes: customerOfArg,
    errors: errors("ApplyToCampaignResult"),
    args: {
      tenant: t.arg.string({ required: true }),
      campaign: t.arg.string({ required: true, description: "The campaign's slug." }),
      preferences: t.arg({ type: PreferencesInput, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const { tenant, customer } = await signedInCustomer(ctx, args.tenant);
      const p = args.preferences;
      return ctx.services.lottery.apply(customer, tenant, args.campaign, { offices: p?.offices ?? [], weekdays: p?.weekdays ?? [], timesOfDay: p?.timesOfDay ?? [] });
    },
  }),
);

builder.mutationField("withdrawApplication", (t) =>
  t.field({
    type: ApplicationRef,
    description: "Withdraws the application before the window closes, or leaves the waiting list.",
    authScopes: customerOfArg,
    errors: errors("WithdrawApplicationResult"),
    args: { tenant: t.arg.string({ required: true }), campaign: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { tenant, customer } = await signedInCustomer(ctx, args.tenant);
      return ctx.services.lottery.withdraw(customer, tenant, args.campaign);
    },
  }),
);

builder.mutationField("cancelCampaignAppointment", (t) =>
  t.field({
    type: ApplicationRef,
    description: "A confirmed winner cancels; the slot moves up to the best-ranked waitlisted applicant it fits.",
    authScopes: customerOfArg,
    errors: errors("CancelCampaignAppointmentResult"),
    args: { tenant: t.arg.string({ required: true }), campaign: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { tenant, customer } = await signedInCustomer(ctx, args.tenant);
      return ctx.services.lottery.cancelAppointment(customer, tenant, args.campaign);
    },
  }),
);

/** The answer to an offer: its new state (the application itself needs a session to read). */
interface OfferAnswer {
  application: ApplicationRecord;
}

const OfferAnswerRef = builder.objectRef<OfferAnswer>("OfferAnswer").implement({
  extensions: publicApi("returned to whoever proved the offer with its link token or session"),
  fields: (t) => ({
    state: t.field({ type: ApplicationStateEnum, resolve: (a) => a.application.state }),
    appointmentStart: t.field({ type: "DateTime", nullable: true, resolve: (a) => a.application.slotStart }),
    appointmentEnd: t.field({ type: "DateTime", nullable: true, resolve: (a) => a.application.slotEnd }),
  }),
});

async function offerProof(ctx: Context, args: { tenant: string; campaign?: string | null | undefined; token?: string | null | undefined }) {
  if (args.token) {
    const tenant = await ctx.tenantBySlug(args.tenant);
    if (!tenant) throw new NotFound();
    return { tenant, proof: { token: args.token } };
  }
  if (!args.campaign) throw new InputError("CUSTOMER_REQUIRED", "token");
  const { tenant, customer } = await signedInCustomer(ctx, args.tenant);
  return { tenant, proof: { customer, campaignSlug: args.campaign } };
}

/** confirmOffer and declineOffer: the same arguments and proof, a different answer. */
function offerAnswerField(name: "confirmOffer" | "declineOffer", description: string) {
  builder.mutationField(name, (t) =>
    t.field({
      type: OfferAnswerRef,
      description,
      extensions: publicApi("proven by the offer's single-purpose link token or the customer's own session"),
      errors: errors(`${name[0]!.toUpperCase()}${name.slice(1)}Result`),
      args: {
        tenant: t.arg.string({ required: true }),
        campaign: t.arg.string({ required: false, description: "With a customer session: the campaign's slug." }),
        token: t.arg.string({ required: false, description: "Without a session: the token of the offer mail's link (single use, this offer only)." }),
      },
      resolve: async (_root, args, ctx) => {
        const { tenant, proof } = await offerProof(ctx, args);
        return { application: await ctx.services.lottery[name](proof, tenant) };
      },
    }),
  );
}

offerAnswerField("confirmOffer", "Confirms an offered appointment before its deadline — with the mail link's token, or signed in in the portal.");
offerAnswerField("declineOffer", "Declines an offered appointment; it moves up to the waiting list.");
