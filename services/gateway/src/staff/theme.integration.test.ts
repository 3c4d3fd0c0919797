import { DEMO_PASSWORD } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

/**
 * The theme editor's mutation (issue 13): admins of the agency only, colours as #rrggbb,
 * fonts from the offered list, text readable on the primary colour and the background
 * (WCAG 1.4.3, 4.5:1) — a refused theme changes nothing; a saved one is audited with
 * before and after and is what the widget reads at once.
 */

const TENANT = "demo-buergerbuero";
const OTHER = "demo-buergerservice";
const LOGIN = `mutation ($tenant: String!, $email: String!) { staffLogin(tenant: $tenant, email: $email, password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } } }`;
const UPDATE = `mutation ($t: String!, $theme: [ThemeEntryInput!]!) {
  updateTheme(tenant: $t, theme: $theme) { __typename
    ... on TenantSettings { theme { name value } }
    ... on ThemeContrastTooLow { pair foreground background ratio minimum }
    ... on InputError { field }
    ... on Error { code message }
  }
}`;
const PUBLIC_THEME = `query ($t: String!) { tenant(slug: $t) { theme { name value } } }`;

type Entry = { name: string; value: string };
type UpdateResult = { __typename: string; theme?: Entry[]; code?: string; message?: string; field?: string; pair?: string; ratio?: number; foreground?: string; background?: string; minimum?: number };

const GOOD: Entry[] = [
  { name: "--tv-color-primary", value: "#1B5E20" },
  { name: "--tv-color-on-primary", value: "#ffffff" },
  { name: "--tv-color-text", value: "#202124" },
  { name: "--tv-color-surface", value: "#fafafa" },
  { name: "--tv-font-family", value: "Georgia, serif" },
  { name: "--tv-radius", value: "8px" },
];

describe.each(testTargets())("the theme editor's mutation ($name)", (target) => {
  let h: Harness;
  let admin: Record<string, string>;
  let clerk: Record<string, string>;
  let otherAdmin: Record<string, string>;

  const bearer = async (tenant: string, email: string) => {
    const { body } = await h.gql<{ staffLogin: { token: string } }>(LOGIN, { tenant, email });
    return { authorization: `Bearer ${body.data!.staffLogin.token}` };
  };
  const update = async (theme: Entry[], headers: Record<string, string>, t = TENANT, locale = "de") =>
    h.gql<{ updateTheme: UpdateResult }>(UPDATE, { t, theme }, { ...headers, "accept-language": locale });
  const stored = async (slug = TENANT) => (await h.app.services.db.prisma.tenant.findUniqueOrThrow({ where: { slug } })).theme;
  const audits = async () => {
    const tenant = await h.app.services.db.prisma.tenant.findUniqueOrThrow({ where: { slug: TENANT } });
    return h.app.services.db.prisma.auditLog.findMany({ where: { tenantId: tenant.id, action: "tenant.themeUpdated" }, orderBy: { id: "asc" } });
  };

  beforeAll(async () => {
    h = await startHarness(target, {}, { jobs: false });
    admin = await bearer(TENANT, "buergerbuero.admin@example.org");
    clerk = await bearer(TENANT, "buergerbuero.schalter@example.org");
    otherAdmin = await bearer(OTHER, "buergerservice.admin@example.org");
  });
  afterAll(async () => h?.close());

  it("refuses a clerk, and answers another agency's admin exactly as for an agency that does not exist; nothing changes", async () => {
    const before = await stored();
    const asClerk = await update(GOOD, clerk);
    expect(asClerk.body.data?.updateTheme ?? null).toBeNull();
    expect(asClerk.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");

    const foreign = await update(GOOD, otherAdmin);
    const missing = await update(GOOD, otherAdmin, "no-such-agency");
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe("NOT_ALLOWED");
    // The whole answer, also after the operation began to run compiled (its third use).
    expect(foreign.body).toEqual(missing.body);
    expect(foreign.body.errors?.[0]).toMatchObject({ path: ["updateTheme"] });
    expect(await stored()).toEqual(before);
    expect(await audits()).toEqual([]);
  });

  it.each([
    ["a colour not written #rrggbb", { name: "--tv-color-primary", value: "green" }, "MALFORMED_COLOR", "theme.--tv-color-primary", /Hex-Wert #rrggbb/],
    ["a short hex colour", { name: "--tv-color-surface", value: "#fff" }, "MALFORMED_COLOR", "theme.--tv-color-surface", /Hex-Wert #rrggbb/],
    ["a font outside the list", { name: "--tv-font-family", value: "Comic Sans MS" }, "UNKNOWN_FONT", "theme.--tv-font-family", /angebotenen Schriftarten/],
    ["CSS smuggled into the font", { name: "--tv-font-family", value: "Georgia, serif} body{display:none" }, "MALFORMED_THEME", "theme", /ungültig/],
    ["a radius out of range", { name: "--tv-radius", value: "40px" }, "OUT_OF_RANGE", "theme.--tv-radius", /0 bis 24/],
  ])("refuses %s with a translated InputError on its field and keeps the theme", async (_what, entry, code, field, message) => {
    const before = await stored();
    const theme = [...GOOD.filter((e) => e.name !== entry.name), entry];
    const { body } = await update(theme, admin);
    expect(body.data!.updateTheme).toMatchObject({ __typename: "InputError", code, field });
    expect(body.data!.updateTheme.message).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  it("refuses a primary colour too light for white text: the pair and the ratio named in German and English, nothing saved, nothing audited", async () => {
    const before = await stored();
    const light = GOOD.map((e) => (e.name === "--tv-color-primary" ? { ...e, value: "#ffeb3b" } : e));
    const de = await update(light, admin);
    expect(de.body.data!.updateTheme).toEqual({
      __typename: "ThemeContrastTooLow",
      code: "LOW_CONTRAST_TEXT_ON_PRIMARY",
      pair: "TEXT_ON_PRIMARY",
      foreground: "#ffffff",
      background: "#ffeb3b",
      ratio: 1.22,
      minimum: 4.5,
      message: "Zu wenig Kontrast: Schrift auf der Hauptfarbe (#ffffff auf #ffeb3b) erreicht nur 1,22:1, nötig sind mindestens 4,5:1 (WCAG 1.4.3).",
    });
    const en = await update(light, admin, TENANT, "en");
    expect(en.body.data!.updateTheme.message).toBe("Too little contrast: text on the primary colour (#ffffff on #ffeb3b) reaches only 1.22:1, at least 4.5:1 is needed (WCAG 1.4.3).");

    const faintText = GOOD.map((e) => (e.name === "--tv-color-text" ? { ...e, value: "#9e9e9e" } : e));
    const onBackground = await update(faintText, admin);
    expect(onBackground.body.data!.updateTheme).toMatchObject({ __typename: "ThemeContrastTooLow", pair: "TEXT_ON_BACKGROUND", foreground: "#9e9e9e", background: "#fafafa" });
    expect(onBackground.body.data!.updateTheme.message).toMatch(/^Zu wenig Kontrast: Text auf dem Hintergrund/);

    expect(await stored()).toEqual(before);
    expect(await audits()).toEqual([]);
  });

  it("saves a readable theme normalized, audits it with before and after, and the widget reads it at once", async () => {
    const before = await stored();
    const { body } = await update(GOOD, admin);
    const saved = Object.fromEntries(GOOD.map((e) => [e.name, e.name === "--tv-color-primary" ? "#1b5e20" : e.value]));
    expect(body.data!.updateTheme.__typename).toBe("TenantSettings");
    expect(Object.fromEntries(body.data!.updateTheme.theme!.map((e) => [e.name, e.value]))).toEqual(saved);
    expect(await stored()).toEqual(saved);

    const [entry, ...more] = await audits();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ entityType: "Tenant", data: { before: { theme: before }, after: { theme: saved } } });
    expect(entry!.actor).toMatch(/^staff:/);

    const widget = await h.gql<{ tenant: { theme: Entry[] } }>(PUBLIC_THEME, { t: TENANT }, { origin: "http://localhost:4001" });
    expect(Object.fromEntries(widget.body.data!.tenant.theme.map((e) => [e.name, e.value]))).toEqual(saved);
  });
});
