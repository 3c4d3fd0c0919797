import { DEFAULT_TENANT_POLICY, parseTenantPolicy, type TenantPolicy } from "@terminvergabe/core";
import type { TenantSettingsRecord } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError } from "../errors/domain-errors.ts";
import { ThemeContrastTooLow } from "../errors/theme-contrast-error.ts";
import type { TenantConfiguration } from "../staff/configuration-service.ts";
import { ConcernRef } from "./staff-concerns.ts";
import { ClosureRef } from "./staff-configuration.ts";
import { ConfiguredOfficeRef, CounterRef, OpeningRuleRef } from "./staff-offices.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";
import { ErrorInterface } from "./errors.ts";
import { publicApi } from "./public.ts";
import { ThemeVariableRef } from "./tenant.ts";

type PolicyKey = keyof TenantPolicy;
const POLICY_KEYS = Object.keys(DEFAULT_TENANT_POLICY) as PolicyKey[];

/** What each setting means, for the schema (and so the configuration screen can label it). */
const POLICY_DESCRIPTIONS: Record<PolicyKey, string> = {
  slotGridMinutes: "Start times fall on this grid (minutes).",
  minNoticeMinutes: "Lead time: a booking starts at least this many minutes after it is made.",
  horizonDays: "How many days ahead citizens may book.",
  bufferMinutes: "Minutes kept free after each appointment on a counter.",
  staffReserveShare: "Share (0–1) of each office day's capacity kept for phone bookings by staff.",
  holdMinutes: "How long a chosen time is held while the citizen fills in the form.",
  holdMaxMinutes: "How long a hold may live in total, extensions included (at least holdMinutes).",
  maxHoldsPerAddress: "Holds one client address may keep at once (0: no limit).",
  maxBookingsPerAddressPerHour: "Bookings one client address may confirm per hour (0: no limit).",
  maxActiveBookingsPerPerson: "Open bookings one person may have (0: no limit).",
  noShowLimit: "No-shows within the window after which a person cannot book online (0: off).",
  noShowWindowMonths: "Months the no-show limit looks back.",
  cancellationCutoffMinutes: "Citizens may cancel or move a booking until this many minutes before it (at most the lead time).",
  cancelledSlotCooldownMinutes: "A time cancelled online is offered again only after this many minutes (anti-trading).",
  requireEmailVerification: "Double opt-in: a booking counts only once the citizen confirmed the e-mail address.",
  verificationWindowMinutes: "Minutes to confirm the e-mail address (at most the lead time, so it ends before the appointment).",
  phoneRequired: "Citizens must give a phone number.",
  membershipNumberRequired: "Portal customers must give their membership number when registering.",
  releaseAt: "An announced release (ISO instant) with a fair waiting room; empty: none.",
  waitingRoomOpensMinutes: "Minutes before the release when the waiting room opens.",
  waitingRoomAdmitPerSecond: "Citizens the waiting room admits per second, in the order of their lots (what the gateway instances can serve).",
  nextReleaseAt: "The following release (ISO instant), told to those still waiting when the current one is sold out; empty: unknown.",
  unmarkedPastBookings: "What a past appointment nobody marked becomes: COMPLETED or UNMARKED.",
  retentionDays: "Days after an appointment after which its contact data are erased (0: kept).",
  reminderHours: "Hours before an appointment when its reminder mail goes out (0: none).",
};

export const TenantPolicyRef = builder.objectRef<TenantPolicy & { tenantId: string }>("TenantPolicy").implement({
  description: "The agency's booking, anti-hoarding, verification and retention rules.",
  authScopes: (p) => ({ adminOf: p.tenantId }),
  fields: (t) =>
    Object.fromEntries(
      POLICY_KEYS.map((key) => {
        const sample = DEFAULT_TENANT_POLICY[key];
        const description = POLICY_DESCRIPTIONS[key];
        const resolve = (p: TenantPolicy) => p[key] as never;
        const field =
          typeof sample === "boolean" ? t.boolean({ description, resolve })
          : typeof sample === "string" ? t.string({ description, resolve })
          : key === "staffReserveShare" ? t.float({ description, resolve })
          : t.int({ description, resolve });
        return [key, field];
      }),
    ),
});

const TenantPolicyInput = builder.inputType("TenantPolicyInput", {
  description: "The settings to change; absent ones stay. The whole policy must stay consistent.",
  fields: (t) =>
    Object.fromEntries(
      POLICY_KEYS.map((key) => {
        const sample = DEFAULT_TENANT_POLICY[key];
        const description = POLICY_DESCRIPTIONS[key];
        const field =
          typeof sample === "boolean" ? t.boolean({ required: false, description })
          : typeof sample === "string" ? t.string({ required: false, description })
          : key === "staffReserveShare" ? t.float({ required: false, description })
          : t.int({ required: false, description });
        return [key, field];
      }),
    ),
});

const ThemeEntryInput = builder.inputType("ThemeEntryInput", {
  fields: (t) => ({ name: t.string({ required: true, description: "--tv-…" }), value: t.string({ required: true }) }),
});

export const TenantSettingsRef = builder.objectRef<TenantSettingsRecord>("TenantSettings").implement({
  description: "The agency-wide settings (admins).",
  authScopes: (s) => ({ adminOf: s.tenantId }),
  fields: (t) => ({
    policy: t.field({ type: TenantPolicyRef, resolve: (s) => ({ ...parseTenantPolicy(s.policy), tenantId: s.tenantId }) }),
    allowedOrigins: t.stringList({ description: "Origins allowed to embed the widget.", resolve: (s) => s.allowedOrigins }),
    theme: t.field({ type: [ThemeVariableRef], resolve: (s) => Object.entries(s.theme) }),
    imprintUrl: t.exposeString("imprintUrl", { nullable: true, description: "Impressum." }),
    privacyUrl: t.exposeString("privacyUrl", { nullable: true, description: "Datenschutzerklärung." }),
  }),
});

const TenantConfigurationRef = builder.objectRef<TenantConfiguration>("TenantConfiguration").implement({
  description: "Everything an admin configures, for the configuration screen.",
  authScopes: (c) => ({ adminOf: c.tenantId }),
  fields: (t) => ({
    settings: t.field({ type: TenantSettingsRef, resolve: (c) => c.settings }),
    offices: t.field({ type: [ConfiguredOfficeRef], resolve: (c) => c.offices }),
    counters: t.field({ type: [CounterRef], resolve: (c) => c.counters }),
    openingRules: t.field({ type: [OpeningRuleRef], resolve: (c) => c.openingRules }),
    closures: t.field({ type: [ClosureRef], description: "Closures not over yet (or ended yesterday).", resolve: (c) => c.closures }),
    concerns: t.field({ type: [ConcernRef], description: "Active and inactive, online and staff-only.", resolve: (c) => c.concerns }),
  }),
});

builder.queryField("tenantConfiguration", (t) =>
  t.field({
    type: TenantConfigurationRef,
    description: "The agency's whole configuration (admins).",
    args: { tenant: t.arg.string({ required: true }) },
    authScopes: adminOfArg,
    resolve: async (_root, { tenant }, ctx) => ctx.services.configuration.configuration(await checkedTenant(ctx, tenant)),
  }),
);

builder.mutationField("updateTenantPolicy", (t) =>
  t.field({
    type: TenantSettingsRef,
    description:
      "Changes some policy settings (admins). The result must be consistent: e.g. the cancellation cut-off at most the lead time, the e-mail confirmation window at most the lead time — otherwise an InputError names the setting (policy.<name>).",
    args: { tenant: t.arg.string({ required: true }), input: t.arg({ type: TenantPolicyInput, required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "UpdateTenantPolicyResult" } },
    resolve: async (_root, { tenant, input }, ctx) =>
      ctx.services.configuration.updateTenantPolicy(callerOf(ctx), await checkedTenant(ctx, tenant), input as Partial<TenantPolicy>),
  }),
);

builder.mutationField("updateAllowedOrigins", (t) =>
  t.field({
    type: TenantSettingsRef,
    description: "Replaces the origins allowed to embed the widget (admins): https://host[:port], no path; effective at once on every instance.",
    args: { tenant: t.arg.string({ required: true }), origins: t.arg.stringList({ required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "UpdateAllowedOriginsResult" } },
    resolve: async (_root, { tenant, origins }, ctx) => ctx.services.configuration.updateAllowedOrigins(callerOf(ctx), await checkedTenant(ctx, tenant), origins),
  }),
);

const ThemeContrastPairRef = builder.enumType("ThemeContrastPair", {
  description: "Which text the contrast rule checked: text on the primary colour (buttons, chosen times) or text on the background.",
  values: ["TEXT_ON_PRIMARY", "TEXT_ON_BACKGROUND"] as const,
});

builder.objectType(ThemeContrastTooLow, {
  extensions: publicApi("an expected failure: returned only by an admin-scoped mutation (updateTheme) about the admin's own request"),
  name: "ThemeContrastTooLow",
  description: "The theme's text would be too faint (WCAG 1.4.3 asks for at least 4.5:1); nothing was saved.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ThemeContrastTooLow,
  fields: (f) => ({
    pair: f.field({ type: ThemeContrastPairRef, resolve: (error) => error.failure.pair }),
    foreground: f.string({ description: "The text colour, #rrggbb.", resolve: (error) => error.failure.foreground }),
    background: f.string({ description: "The colour behind it, #rrggbb.", resolve: (error) => error.failure.background }),
    ratio: f.float({ description: "The contrast reached, rounded down to two decimals.", resolve: (error) => error.failure.ratio }),
    minimum: f.float({ description: "The contrast needed.", resolve: (error) => error.failure.minimum }),
  }),
});

builder.mutationField("updateTheme", (t) =>
  t.field({
    type: TenantSettingsRef,
    description:
      "Replaces the widget's theme (admins): CSS custom properties --tv-… with plain values; colours (--tv-color-…) as #rrggbb, --tv-font-family one of the offered font stacks, --tv-radius 0–24px. Text on the primary colour and on the background must reach 4.5:1 (WCAG 1.4.3), else ThemeContrastTooLow and nothing is saved.",
    args: { tenant: t.arg.string({ required: true }), theme: t.arg({ type: [ThemeEntryInput], required: true }) },
    authScopes: adminOfArg,
    errors: { types: [InputError, ThemeContrastTooLow], directResult: true, union: { name: "UpdateThemeResult" } },
    resolve: async (_root, { tenant, theme }, ctx) => ctx.services.configuration.updateTheme(callerOf(ctx), await checkedTenant(ctx, tenant), theme),
  }),
);

builder.mutationField("updateLegalLinks", (t) =>
  t.field({
    type: TenantSettingsRef,
    description: "Sets the Impressum and Datenschutz links (admins); an absent one stays, an empty string removes it.",
    args: { tenant: t.arg.string({ required: true }), imprintUrl: t.arg.string({ required: false }), privacyUrl: t.arg.string({ required: false }) },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "UpdateLegalLinksResult" } },
    resolve: async (_root, { tenant, imprintUrl, privacyUrl }, ctx) =>
      ctx.services.configuration.updateLegalLinks(callerOf(ctx), await checkedTenant(ctx, tenant), { imprintUrl, privacyUrl }),
  }),
);
