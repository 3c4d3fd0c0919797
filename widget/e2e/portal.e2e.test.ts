import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { ParsedMail } from "mailparser";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign, type PortalStack, startPortalStack } from "./support/portal-stack.ts";
import { AXE_TAGS, focusedText, SCREENSHOT_DIR, screenshot, tabTo } from "./support/stack.ts";

/**
 * Issue 15's acceptance: a new member registers (keyboard only), verifies by mail, applies;
 * the test clock passes the window and the draw; offers arrive in the portal and by mail; an
 * offered demo member declines in English and the waitlisted one sees the move-up offer; the
 * new member confirms by the mail's link. axe in every state at 1280 and 320 px.
 */
const SLUG = "e2e-2030";
const NEW = { name: "Nora Neu", email: "nora.neu@example.org", password: "geheim-genug-123" };
const DEMO = ["max.mustermann@example.org", "lena.musterfrau@example.org"];
const DEMO_PASSWORD = "demo-passwort";
const MINUTE = 60_000;

let stack: PortalStack;
beforeAll(async () => {
  stack = await startPortalStack();
  await createCampaign(stack, SLUG, 2);
});
afterAll(async () => {
  await stack?.close();
});

/** axe (WCAG 2.x A/AA, 2.2 AA) on the portal at 1280 and 320 px, with a screenshot of each. */
async function accessible(page: Page, state: string): Promise<void> {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    const result = await new AxeBuilder({ page }).include("terminvergabe-portal").withTags(AXE_TAGS).analyze();
    const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    console.log(`axe portal ${state} @${width}px: ${result.violations.length} violations, ${result.passes.length} rules passed`);
    if (result.violations.length) throw new Error(`axe violations in "${state}" at ${width}px:\n${summary.join("\n")}`);
    await screenshot(page, `portal-${state}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The newest mail to `to` whose text matches (campaign mails: of this test's campaign, not the demo's). */
async function mailTo(to: string, text: RegExp, timeoutMs = 30_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  const ours = (m: ParsedMail) => !/Losverfahren|lottery|Termin/i.test(m.subject ?? "") || (m.subject ?? "").includes(SLUG);
  for (;;) {
    const found = stack.mailbox.mails.filter(
      (m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address === to)) && text.test(m.text ?? "") && ours(m),
    );
    if (found.length) return found.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${text} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const link = (mail: ParsedMail, kind: "verify" | "offer") => {
  const url = new RegExp(`https?://\\S+/portal/demo-steuerberatung/${kind}#token=[A-Za-z0-9_-]+`).exec(mail.text ?? "")?.[0];
  if (!url) throw new Error(`no ${kind} link in "${mail.subject}"`);
  return url;
};

async function typeInto(page: Page, label: RegExp, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

async function stateOf(email: string): Promise<string> {
  const [row] = await stack.app.services.db.sql.query<{ state: string }>(
    `SELECT a.state::text AS state FROM "Application" a JOIN "Customer" c ON c.id = a."customerId" JOIN "Campaign" k ON k.id = a."campaignId"
      WHERE c.email = $1 AND k.slug = $2`,
    [email, SLUG],
  );
  return row?.state ?? "none";
}

async function signInWithMouse(portal: Locator, email: string, password: string, en = false): Promise<void> {
  await portal.getByLabel(en ? "E-mail address" : "E-Mail-Adresse").fill(email);
  await portal.getByLabel(en ? "Password" : "Passwort", { exact: true }).fill(password);
  await portal.getByRole("button", { name: en ? "Sign in" : "Anmelden", exact: true }).click();
  await portal.getByRole("button", { name: en ? "Sign out" : "Abmelden" }).waitFor();
}

describe("the portal bundle", () => {
  it("is served by the gateway like widget.js, within its own budget", async () => {
    const sizes: Record<string, number> = {};
    for (const file of ["portal.js", "portal.iife.js", "widget.js"]) {
      const response = await fetch(`${stack.gatewayUrl}/${file}`, { headers: { origin: stack.demoUrl } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
      expect(response.headers.get("access-control-allow-origin")).toBe(stack.demoUrl);
      sizes[file] = gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
    }
    console.log(`bundle size: portal.js ${sizes["portal.js"]} B gzip, portal.iife.js ${sizes["portal.iife.js"]} B, widget.js ${sizes["widget.js"]} B`);
    expect(sizes["portal.js"]).toBeLessThanOrEqual(35 * 1024);
  });
});

describe("a campaign's life in the portal (database: see log)", () => {
  let nora: Page;

  it("registers a new member by keyboard alone, with the privacy consent and the membership number, and shows the check-your-mail state", { timeout: 300_000 }, async () => {
    console.log(`portal e2e on ${stack.database}`);
    nora = await stack.newPage();
    const errors: string[] = [];
    nora.on("pageerror", (e) => errors.push(e.message));
    await nora.goto(`${stack.demoUrl}/demo-steuerberatung`);
    const portal = nora.locator("terminvergabe-portal");
    await portal.getByRole("heading", { name: "Steuerterminanfrage" }).waitFor();
    // The demo page shows the demo customers' sign-in.
    await expect(nora.getByText("max.mustermann@example.org").isVisible()).resolves.toBe(true);
    await expect(portal.getByText(`Steuerberatung Test ${SLUG}`).isVisible()).resolves.toBe(true);
    await accessible(nora, "1-signed-out");

    await tabTo(nora, /button#:Neu registrieren/);
    await nora.keyboard.press("Enter");
    await portal.getByRole("heading", { name: "Konto anlegen" }).waitFor();
    expect(await focusedText(nora)).toContain("h2#heading:Konto anlegen");
    await accessible(nora, "2-register");
    // Sent empty: every problem is named and focus goes to the first.
    await tabTo(nora, /button#:Konto anlegen/);
    await nora.keyboard.press("Enter");
    await portal.getByText("Bitte stimmen Sie der Verarbeitung Ihrer Daten zu.").waitFor();
    await expect(portal.getByText("Bitte geben Sie Ihre Mitgliedsnummer an.").isVisible()).resolves.toBe(true);
    expect(await focusedText(nora)).toContain("input#name:Vor- und Nachname");
    await accessible(nora, "2-register-errors");

    await nora.keyboard.type(NEW.name);
    // The chamber serves members only: the membership number is asked for.
    await typeInto(nora, /input#membershipNumber:Mitgliedsnummer/, "AK-2026-4711");
    await typeInto(nora, /input#email:/, NEW.email);
    await typeInto(nora, /input#new-password:/, NEW.password);
    await tabTo(nora, /input#consent:/);
    await nora.keyboard.press("Space");
    await tabTo(nora, /button#:Konto anlegen/);
    await nora.keyboard.press("Enter");
    await portal.getByRole("heading", { name: "Bitte bestätigen Sie Ihre E-Mail-Adresse" }).waitFor();
    await expect(portal.getByText(NEW.email).isVisible()).resolves.toBe(true);
    await accessible(nora, "3-check-your-mail");
    expect(errors).toEqual([]);
  });

  it("verifies by the mail's link, signs in and applies with preferences (keyboard only)", { timeout: 300_000 }, async () => {
    const mail = await mailTo(NEW.email, /verify#token=/);
    await nora.goto(link(mail, "verify"));
    const portal = nora.locator("terminvergabe-portal");
    await portal.getByText("Ihre E-Mail-Adresse ist bestätigt").waitFor();
    expect(nora.url()).not.toContain("token=");
    await accessible(nora, "4-verified");

    await nora.goto(`${stack.demoUrl}/demo-steuerberatung`);
    await portal.getByRole("heading", { name: "Steuerterminanfrage" }).waitFor();
    await typeInto(nora, /input#email:E-Mail-Adresse/, NEW.email);
    await typeInto(nora, /input#password:Passwort/, NEW.password);
    await nora.keyboard.press("Enter");
    await portal.getByRole("heading", { name: "Ihre Terminanfragen" }).waitFor();
    await accessible(nora, "5-signed-in");

    await tabTo(nora, new RegExp(`button#:Öffnen: Steuerberatung Test ${SLUG}`));
    await nora.keyboard.press("Enter");
    await portal.getByRole("heading", { name: `Steuerberatung Test ${SLUG}` }).waitFor();
    await expect(portal.getByText("Ihre Chancen bleiben gleich", { exact: false }).isVisible()).resolves.toBe(true);
    await accessible(nora, "6-campaign-open");
    await tabTo(nora, /input#weekday-\d:/);
    // Every weekday except one: the preference is stored, any drawn slot still fits.
    for (let i = 0; i < 5; i++) {
      await nora.keyboard.press("Space");
      await nora.keyboard.press("Tab");
    }
    await tabTo(nora, /button#:Terminanfrage stellen/);
    await nora.keyboard.press("Enter");
    await portal.getByText("Ihre Anfrage ist eingegangen.").waitFor();
    await expect(portal.getByRole("listitem").filter({ hasText: "Anfrage gestellt" }).getAttribute("aria-current")).resolves.toBe("step");
    await expect(portal.getByLabel("Montag").isChecked()).resolves.toBe(true);
    expect(await stateOf(NEW.email)).toBe("APPLIED");
    const [member] = await stack.app.services.db.sql.query<{ n: string }>(`SELECT "membershipNumber" AS n FROM "Customer" WHERE email = $1`, [NEW.email]);
    expect(member!.n).toBe("AK-2026-4711");
    await accessible(nora, "7-applied");
  });

  it("after the window and the draw, shows offers in portal and mail; a member declines in English and the waitlisted one sees the move-up", { timeout: 400_000 }, async () => {
    // Two demo members apply too: three requests for two appointments.
    for (const email of DEMO) {
      const login = await gql(`mutation { customerLogin(tenant: "demo-steuerberatung", email: "${email}", password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on CustomerSession { token } } }`);
      const token = login.customerLogin.token as string;
      const applied = await gql(`mutation { applyToCampaign(tenant: "demo-steuerberatung", campaign: "${SLUG}") { __typename } }`, token);
      expect(applied.applyToCampaign.__typename).toBe("Application");
    }
    await stack.advance(11 * MINUTE); // the window closes
    await stack.advance(5 * MINUTE); // the draw
    const members = [NEW.email, ...DEMO];
    const states = Object.fromEntries(await Promise.all(members.map(async (m) => [m, await stateOf(m)] as const)));
    console.log(`after the draw: ${JSON.stringify(states)}`);
    expect(Object.values(states).sort()).toEqual(["OFFERED", "OFFERED", "WAITLISTED"]);
    const decliner = DEMO.find((m) => states[m] === "OFFERED")!;
    const waiting = members.find((m) => states[m] === "WAITLISTED")!;

    // The waitlisted member's view before the move-up.
    const waitingPage = waiting === NEW.email ? nora : await stack.newPage();
    if (waiting !== NEW.email) {
      await waitingPage.goto(`${stack.demoUrl}/demo-steuerberatung?lang=en`);
      await signInWithMouse(waitingPage.locator("terminvergabe-portal"), waiting, DEMO_PASSWORD, true);
    } else await nora.reload();
    const waitingPortal = waitingPage.locator("terminvergabe-portal");
    await waitingPortal.getByRole("button", { name: /^(Öffnen|Open): / }).first().waitFor();
    await waitingPortal.getByRole("button", { name: new RegExp(`(Öffnen|Open): .*${SLUG}`) }).click();
    await waitingPortal.getByText(/Warteliste verlassen|Leave the waiting list/).waitFor();
    await accessible(waitingPage, "8-waiting-list");

    // The decliner, in English.
    const en = await stack.newPage();
    await en.goto(`${stack.demoUrl}/demo-steuerberatung?lang=en`);
    const enPortal = en.locator("terminvergabe-portal");
    await enPortal.getByRole("heading", { name: "Appointment request" }).waitFor();
    await accessible(en, "9-en-signed-out");
    await signInWithMouse(enPortal, decliner, DEMO_PASSWORD, true);
    await enPortal.getByRole("button", { name: new RegExp(`Open: .*${SLUG}`) }).click();
    await enPortal.getByRole("heading", { name: "Your appointment offer" }).waitFor();
    await expect(enPortal.getByText(/\d+ days left\./).isVisible()).resolves.toBe(true);
    await accessible(en, "10-en-offer");
    await mailTo(decliner, /offer#token=/);
    await enPortal.getByRole("button", { name: "Decline appointment" }).click();
    await enPortal.getByText("You declined the offer.", { exact: false }).first().waitFor();
    expect(await stateOf(decliner)).toBe("DECLINED");
    await accessible(en, "11-en-declined");

    // The move-up job gives the freed appointment to the waiting list.
    await mailTo(waiting, /offer#token=/, 30_000);
    expect(await stateOf(waiting)).toBe("OFFERED");
    await waitingPage.reload();
    if (waiting !== NEW.email) await signInWithMouse(waitingPortal, waiting, DEMO_PASSWORD, true).catch(() => undefined);
    await waitingPortal.getByRole("button", { name: new RegExp(`(Öffnen|Open): .*${SLUG}`) }).click();
    await waitingPortal.getByRole("heading", { name: /Ihr Terminangebot|Your appointment offer/ }).waitFor();
    await accessible(waitingPage, "12-move-up-offer");
  });

  it("shows the new member's offer in the portal and confirms it from the mail's link without signing in (keyboard only); the confirmation mail carries the .ics", { timeout: 300_000 }, async () => {
    const portal = nora.locator("terminvergabe-portal");
    await nora.goto(`${stack.demoUrl}/demo-steuerberatung`);
    // Still signed in in this tab (the clock moved less than the idle timeout).
    await portal.getByRole("heading", { name: "Ihre Terminanfragen" }).waitFor();
    await portal.getByRole("button", { name: new RegExp(`Öffnen: .*${SLUG}`) }).click();
    await portal.getByRole("heading", { name: "Ihr Terminangebot" }).waitFor();
    await expect(portal.getByText(/Noch \d+ Tage\./).isVisible()).resolves.toBe(true);
    await accessible(nora, "13-offer");

    const mail = await mailTo(NEW.email, /offer#token=/);
    const page = await stack.newPage();
    await page.goto(link(mail, "offer"));
    const linkPortal = page.locator("terminvergabe-portal");
    await linkPortal.getByRole("heading", { name: "Ihr Terminangebot" }).waitFor();
    await accessible(page, "14-offer-link");
    await tabTo(page, /button#:Termin bestätigen/);
    await page.keyboard.press("Enter");
    await linkPortal.getByText("Ihr Termin ist bestätigt:").waitFor();
    expect(await stateOf(NEW.email)).toBe("CONFIRMED");
    await accessible(page, "15-confirmed-by-link");
    // The calendar file comes with the confirmation mail (the API has no download URL for it).
    const confirmation = await waitForMail(NEW.email, /Termin bestätigt/);
    const ics = confirmation.attachments.find((a) => a.contentType.startsWith("text/calendar"));
    expect(ics?.content.toString()).toContain("BEGIN:VEVENT");
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(path.join(SCREENSHOT_DIR, "portal-appointment.ics"), ics!.content);
    console.log(`ics: ${path.join(SCREENSHOT_DIR, "portal-appointment.ics")}`);
  });

  it("shows the confirmed appointment with its .ics download and cancellation, and the transparency view with the member's entry code and rank", { timeout: 300_000 }, async () => {
    const portal = nora.locator("terminvergabe-portal");
    await nora.reload();
    await portal.getByRole("button", { name: new RegExp(`Öffnen: .*${SLUG}`) }).click();
    await portal.getByRole("button", { name: "Termin stornieren" }).waitFor();
    await expect(portal.getByRole("listitem").filter({ hasText: "Termin bestätigt" }).getAttribute("class")).resolves.toBe("done");
    await accessible(nora, "16-confirmed");
    const [download] = await Promise.all([nora.waitForEvent("download"), portal.getByRole("link", { name: /\.ics/ }).click()]);
    const icsFile = path.join(SCREENSHOT_DIR, "portal-download.ics");
    await download.saveAs(icsFile);
    expect(readFileSync(icsFile, "utf8")).toMatch(/BEGIN:VEVENT[\s\S]*DTSTART/);
    console.log(`ics downloaded from the portal: ${icsFile}`);
    await portal.getByRole("button", { name: "Transparenz: die Auslosung nachprüfen" }).click();
    await portal.getByRole("heading", { name: /Transparenz der Auslosung/ }).waitFor();
    const [entry] = await stack.app.services.db.sql.query<{ code: string; rank: number }>(
      `SELECT a."entryCode" AS code, a."lotteryRank" AS rank FROM "Application" a JOIN "Customer" c ON c.id = a."customerId" WHERE c.email = $1`,
      [NEW.email],
    );
    await expect(portal.getByText(entry!.code).first().isVisible()).resolves.toBe(true);
    await expect(portal.getByText("verify_draw.py", { exact: false }).first().isVisible()).resolves.toBe(true);
    await accessible(nora, "17-transparency");
  });

  it("lists the notifications matching the mails, shows the profile, and resets a forgotten password by the mail's link", { timeout: 300_000 }, async () => {
    const portal = nora.locator("terminvergabe-portal");
    await portal.getByRole("button", { name: /^Benachrichtigungen/ }).click();
    await portal.getByRole("heading", { name: "Benachrichtigungen" }).waitFor();
    const confirmedMail = await waitForMail(NEW.email, /Termin bestätigt/);
    await expect(portal.getByText(confirmedMail.subject!).first().isVisible()).resolves.toBe(true);
    await accessible(nora, "18-notifications");
    await portal.getByRole("button", { name: "Profil" }).click();
    await portal.getByRole("heading", { name: "Profil" }).waitFor();
    await accessible(nora, "19-profile");
    await portal.getByRole("button", { name: "Abmelden" }).click();
    await portal.getByText("Sie sind abgemeldet.").waitFor();

    await portal.getByRole("button", { name: "Passwort vergessen?" }).click();
    await portal.getByRole("heading", { name: "Passwort vergessen" }).waitFor();
    await portal.getByLabel("E-Mail-Adresse").fill(NEW.email);
    await portal.getByRole("button", { name: "Link anfordern" }).click();
    await portal.getByText("Link zum Zurücksetzen", { exact: false }).waitFor();
    await accessible(nora, "20-forgot-password");
    const mail = await mailTo(NEW.email, /reset-password#token=/);
    const url = /https?:\/\/\S+\/portal\/demo-steuerberatung\/reset-password#token=[A-Za-z0-9_-]+/.exec(mail.text ?? "")![0];
    await nora.goto(url);
    await portal.getByRole("heading", { name: "Neues Passwort festlegen" }).waitFor();
    await accessible(nora, "21-reset-password");
    await portal.getByLabel("Neues Passwort").fill("ganz-neues-passwort-1");
    await portal.getByRole("button", { name: "Passwort speichern" }).click();
    await portal.getByText("Ihr neues Passwort gilt.", { exact: false }).waitFor();
    await signInWithMouse(portal, NEW.email, "ganz-neues-passwort-1");
  });

  it("is accessible in English in every view as well", { timeout: 400_000 }, async () => {
    const page = await stack.newPage();
    await page.goto(`${stack.demoUrl}/demo-steuerberatung?lang=en`);
    const portal = page.locator("terminvergabe-portal");
    await portal.getByRole("heading", { name: "Appointment request" }).waitFor();
    await portal.getByRole("button", { name: "Create an account" }).click();
    await portal.getByRole("heading", { name: "Create account" }).waitFor();
    await portal.getByRole("button", { name: "Create account" }).click();
    await portal.getByText("Please agree to the processing of your data.").waitFor();
    await expect(portal.getByText("Please enter your membership number.").isVisible()).resolves.toBe(true);
    await accessible(page, "en-register-errors");
    await portal.getByRole("button", { name: "Back to sign-in" }).click();
    await portal.getByRole("button", { name: "Forgot your password?" }).click();
    await portal.getByRole("heading", { name: "Forgotten password" }).waitFor();
    await accessible(page, "en-forgot-password");
    await portal.getByRole("button", { name: "Back to sign-in" }).click();
    await signInWithMouse(portal, NEW.email, "ganz-neues-passwort-1", true);
    await accessible(page, "en-signed-in");
    await portal.getByRole("button", { name: new RegExp(`Open: .*${SLUG}`) }).click();
    await portal.getByRole("link", { name: /\.ics/ }).waitFor();
    await expect(portal.getByText("Your chances stay the same", { exact: false }).isVisible()).resolves.toBe(true);
    await accessible(page, "en-confirmed");
    await portal.getByRole("button", { name: "Transparency: check the draw" }).click();
    await portal.getByRole("heading", { name: /Transparency of the draw/ }).waitFor();
    await accessible(page, "en-transparency");
    await portal.getByRole("button", { name: /^Notifications/ }).click();
    await portal.getByRole("heading", { name: "Notifications" }).waitFor();
    await accessible(page, "en-notifications");
    await portal.getByRole("button", { name: "Profile" }).click();
    await portal.getByRole("heading", { name: "Profile" }).waitFor();
    await accessible(page, "en-profile");
    // A campaign whose window is open, with the form to apply.
    await createCampaign(stack, "e2e-open", 1);
    await page.reload();
    await portal.getByRole("button", { name: "Open: Tax advice test e2e-open" }).click();
    await portal.getByRole("button", { name: "File appointment request" }).waitFor();
    await accessible(page, "en-campaign-open");
  });
});

/** The newest mail to `to` whose subject matches. */
async function waitForMail(to: string, subject: RegExp, timeoutMs = 30_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = stack.mailbox.mails.filter(
      (m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address === to)) && subject.test(m.subject ?? "") && (m.subject ?? "").includes(SLUG),
    );
    if (found.length) return found.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with subject ${subject} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function gql(query: string, token?: string): Promise<any> {
  const response = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
