import { actorLabel } from "@terminvergabe/core";
import type { CampaignSlotRecord } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf, type Context } from "../context.ts";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import type { CampaignInput } from "../lottery/campaign-admin.ts";
import { LotteryRefused } from "../lottery/lottery-errors.ts";
import { CampaignRef, type CampaignView } from "./campaign.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";

/** One appointment of a campaign's pool with the agency it belongs to (for the scope). */
interface PoolSlotView {
  tenantId: string;
  slot: CampaignSlotRecord;
}

const CampaignSlotRef = builder.objectRef<PoolSlotView>("CampaignSlot").implement({
  description: "An appointment of a campaign's pool, generated from the office's opening rules (admins review it before publishing).",
  authScopes: (v) => ({ adminOf: v.tenantId }),
  fields: (t) => ({
    id: t.id({ description: "The slot id the published record uses.", resolve: (v) => v.slot.id }),
    office: t.string({ description: "Office slug.", resolve: (v) => v.slot.officeSlug }),
    counterId: t.id({ resolve: (v) => v.slot.counterId }),
    start: t.field({ type: "DateTime", resolve: (v) => v.slot.startsAt }),
    end: t.field({ type: "DateTime", resolve: (v) => v.slot.endsAt }),
  }),
});

builder.objectField(CampaignRef, "pool", (t) =>
  t.field({
    type: [CampaignSlotRef],
    description: "The slot pool for review (admins of the agency; anyone else gets an empty list). Replaced on every change while a draft, fixed from publication on.",
    authScopes: (v) => ({ adminOf: v.campaign.tenantId }),
    unauthorizedResolver: () => [],
    resolve: async (v, _args, ctx) => (await ctx.services.campaignAdmin.pool(v.campaign)).map((slot) => ({ tenantId: v.campaign.tenantId, slot })),
  }),
);

builder.queryField("staffCampaigns", (t) =>
  t.field({
    type: [CampaignRef],
    description: "Every campaign of the agency, drafts included (admins).",
    args: { tenant: t.arg.string({ required: true }) },
    authScopes: adminOfArg,
    resolve: async (_root, args, ctx) => {
      const tenant = await checkedTenant(ctx, args.tenant);
      return (await ctx.services.campaignAdmin.campaigns(tenant)).map((campaign) => ({ tenant, campaign }));
    },
  }),
);

const NameInput = builder.inputType("CampaignNameInput", {
  description: "German required, English falls back to German.",
  fields: (t) => ({ de: t.string({ required: true }), en: t.string({ required: false }) }),
});

const campaignFields = (t: Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0]) => ({
  tenant: t.string({ required: true }),
  office: t.string({ required: true, description: "Office id or slug." }),
  service: t.string({ required: true, description: "The concern's slug or id." }),
  name: t.field({ type: NameInput, required: true }),
  applicationOpensAt: t.field({ type: "DateTime", required: true }),
  applicationClosesAt: t.field({ type: "DateTime", required: true }),
  drawAt: t.field({ type: "DateTime", required: true, description: "Not before the window closes." }),
  notifyBy: t.field({ type: "DateTime", required: true, description: "Every applicant hears the result by then; not before the draw." }),
  periodFrom: t.field({ type: "Date", required: true, description: "First day of the appointment period (after the draw's day)." }),
  periodTo: t.field({ type: "Date", required: true, description: "Last day, inclusive." }),
  confirmationDays: t.int({ required: false, defaultValue: 14 }),
  moveUpOfferDays: t.int({ required: false, defaultValue: 3, description: "A move-up offer's window; it never passes the appointment's start." }),
  beaconAnnouncement: t.string({ required: false, description: "The public random value announced in advance (e.g. the lottery numbers of a named date); entered after the window closes." }),
});

const CreateCampaignInput = builder.inputType("CreateCampaignInput", {
  fields: (t) => ({ slug: t.string({ required: true, description: "Lowercase letters, digits, hyphens; part of the record's URL." }), ...campaignFields(t) }),
});

const UpdateCampaignInput = builder.inputType("UpdateCampaignInput", {
  description: "Replaces every setting of a draft; the pool is generated anew.",
  fields: (t) => ({ campaign: t.string({ required: true, description: "Id or slug." }), ...campaignFields(t) }),
});

/** The GraphQL arguments: the service input with the windows' defaults optional. */
type CampaignArgs = Omit<CampaignInput, "confirmationDays" | "moveUpOfferDays" | "beaconAnnouncement"> & {
  confirmationDays?: number | null | undefined;
  moveUpOfferDays?: number | null | undefined;
  beaconAnnouncement?: string | null | undefined;
};

function campaignInput(input: CampaignArgs): CampaignInput {
  const bounded = (value: string, max: number, field: string) => {
    if (value.length > max) throw new InputError("CAMPAIGN_NAME_REQUIRED", field);
    return value;
  };
  return {
    ...input,
    office: bounded(input.office, 100, "office"),
    service: bounded(input.service, 100, "service"),
    confirmationDays: input.confirmationDays ?? 14,
    moveUpOfferDays: input.moveUpOfferDays ?? 3,
    beaconAnnouncement: input.beaconAnnouncement ?? null,
  };
}

const actor = (ctx: Context) => actorLabel(callerOf(ctx).actor);
const view = async (ctx: Context, slug: string, campaign: Promise<CampaignView["campaign"]>): Promise<CampaignView> => ({ tenant: await checkedTenant(ctx, slug), campaign: await campaign });
const errors = (name: string) => ({ types: [InputError, LotteryRefused, NotFound], directResult: true as const, union: { name } });

builder.mutationField("createCampaign", (t) =>
  t.field({
    type: CampaignRef,
    description: "Creates a DRAFT campaign with its slot pool generated from the office's opening rules for the period (admins). Review `pool`, then publish.",
    args: { input: t.arg({ type: CreateCampaignInput, required: true }) },
    authScopes: (_root, args, ctx) => adminOfArg(_root, args.input, ctx),
    errors: errors("CreateCampaignResult"),
    resolve: async (_root, { input }, ctx) => {
      const tenant = await checkedTenant(ctx, input.tenant);
      return view(ctx, input.tenant, ctx.services.campaignAdmin.create(tenant, actor(ctx), input.slug, campaignInput(input)));
    },
  }),
);

builder.mutationField("updateCampaign", (t) =>
  t.field({
    type: CampaignRef,
    description: "Changes a DRAFT campaign and generates its pool anew (admins); published campaigns are fixed (CAMPAIGN_STATE).",
    args: { input: t.arg({ type: UpdateCampaignInput, required: true }) },
    authScopes: (_root, args, ctx) => adminOfArg(_root, args.input, ctx),
    errors: errors("UpdateCampaignResult"),
    resolve: async (_root, { input }, ctx) => {
      const tenant = await checkedTenant(ctx, input.tenant);
      return view(ctx, input.tenant, ctx.services.campaignAdmin.update(tenant, actor(ctx), input.campaign, campaignInput(input)));
    },
  }),
);

builder.mutationField("publishCampaign", (t) =>
  t.field({
    type: CampaignRef,
    description: "Publishes a draft before its window opens: a fresh secret stays server-side, its SHA-256 (the commitment) becomes public; the pool is fixed from now on.",
    args: { tenant: t.arg.string({ required: true }), campaign: t.arg.string({ required: true, description: "Id or slug." }) },
    authScopes: adminOfArg,
    errors: errors("PublishCampaignResult"),
    resolve: async (_root, args, ctx) => view(ctx, args.tenant, ctx.services.campaignAdmin.publish(await checkedTenant(ctx, args.tenant), actor(ctx), args.campaign)),
  }),
);

builder.mutationField("enterCampaignBeacon", (t) =>
  t.field({
    type: CampaignRef,
    description: "Enters the announced public random value — once, after the window closed and before the draw (the draw waits for it).",
    args: { tenant: t.arg.string({ required: true }), campaign: t.arg.string({ required: true }), beacon: t.arg.string({ required: true }) },
    authScopes: adminOfArg,
    errors: errors("EnterCampaignBeaconResult"),
    resolve: async (_root, args, ctx) => {
      if (args.beacon.length > 1_000) throw new InputError("INVALID_BEACON", "beacon");
      return view(ctx, args.tenant, ctx.services.campaignAdmin.enterBeacon(await checkedTenant(ctx, args.tenant), actor(ctx), args.campaign, args.beacon));
    },
  }),
);

builder.mutationField("runCampaignDrawNow", (t) =>
  t.field({
    type: CampaignRef,
    description:
      "Demo only (demo-* agencies with the demo seed; DEMO_ONLY elsewhere): closes an open campaign's window now and draws at once, through the same steps as the campaign clock.",
    args: { tenant: t.arg.string({ required: true }), campaign: t.arg.string({ required: true }) },
    authScopes: adminOfArg,
    errors: errors("RunCampaignDrawNowResult"),
    resolve: async (_root, args, ctx) => view(ctx, args.tenant, ctx.services.campaignAdmin.drawNow(await checkedTenant(ctx, args.tenant), actor(ctx), args.campaign)),
  }),
);
