import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, focusedText, screenshot, type Stack, startStack } from "./support/stack.ts";

/** Issue 5: widget.js ≤ 35 KB gzip (KB = 1024 B). */
const BUDGET = 35 * 1024;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe("the bundle served by the gateway", () => {
  it("is an ES module within the size budget, cached with an ETag and CORS for allowed origins only", async () => {
    const allowed = await fetch(`${stack.gatewayUrl}/widget.js`, { headers: { origin: stack.demoUrl, "accept-encoding": "gzip" } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(stack.demoUrl);
    expect(allowed.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const etag = allowed.headers.get("etag")!;
    const source = Buffer.from(await allowed.arrayBuffer());
    const gzipped = gzipSync(source, { level: 9 }).length;
    console.log(`bundle size: widget.js ${(source.length / 1024).toFixed(1)} KiB raw, ${(gzipped / 1024).toFixed(2)} KiB gzip (${gzipped} B, budget ${BUDGET} B)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET);

    const revalidated = await fetch(`${stack.gatewayUrl}/widget.js`, { headers: { "if-none-match": etag } });
    expect(revalidated.status).toBe(304);
    const foreign = await fetch(`${stack.gatewayUrl}/widget.js`, { headers: { origin: "https://evil.example" } });
    // Issue 11.14: the widget loads anywhere, so that it can tell an editor on a site no tenant allows.
    expect(foreign.headers.get("access-control-allow-origin")).toBe("*");
    const iife = await fetch(`${stack.gatewayUrl}/widget.iife.js`);
    expect(iife.status).toBe(200);
    const locale = await fetch(`${stack.gatewayUrl}/widget/locales/en.js`, { headers: { origin: stack.demoUrl } });
    expect(locale.status).toBe(200);
    expect(locale.headers.get("access-control-allow-origin")).toBe(stack.demoUrl);
  });
});

describe("booking through all four steps on an agency's website (another origin)", () => {
  it("measures step 1 interactive, books, shows the confirmation, sends the mail, and manages the booking", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Time from navigation start until step 1 can be used (the widget's ready event).
    await page.addInitScript(() => {
      addEventListener("terminvergabe-ready", () => ((window as unknown as { tvReady: number }).tvReady = performance.now()));
    });
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    await page.waitForFunction(() => (window as unknown as { tvReady?: number }).tvReady !== undefined);
    const tti = await page.evaluate(() => (window as unknown as { tvReady: number }).tvReady);
    console.log(`time to interactive: step 1 usable ${Math.round(tti)} ms after navigation start (headless Chromium, demo page)`);
    await expect(widget.getByRole("heading", { name: "Anliegen wählen" }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, "step 1 (concerns)");
    await screenshot(page, "1-concerns");

    // Step 1 error state: nothing chosen.
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByText("Bitte wählen Sie einen Standort.").first().waitFor();
    await expectAccessible(page, "step 1 error (no office)");
    await screenshot(page, "1-concerns-error");

    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Personalausweis und Reisepass").check();
    await widget.getByLabel(/Anzahl für/).selectOption("2");
    await widget.getByText("Mitzubringende Unterlagen und Hinweise").first().click();
    await expect(widget.getByText("Biometrisches Passbild", { exact: false }).first().isVisible()).resolves.toBe(true);
    await expectAccessible(page, "step 1 with a concern and its documents");
    await widget.getByRole("button", { name: "Weiter" }).click();

    // Step 2: calendar and times.
    await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor();
    expect(await focusedText(page)).toContain("h2#heading:Tag und Uhrzeit wählen");
    await widget.locator("td.AVAILABLE").first().waitFor();
    await expectAccessible(page, "step 2 (calendar)");
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByText("Bitte wählen Sie einen Tag im Kalender.").first().waitFor();
    await expectAccessible(page, "step 2 error (no day)");
    await widget.locator("td.AVAILABLE").first().click();
    await widget.locator("input[name=time]").first().waitFor();
    await expectAccessible(page, "step 2 (times)");
    const time = (await widget.locator(".time label").nth(1).textContent())!.trim();
    await widget.locator("input[name=time]").nth(1).check();
    await screenshot(page, "2-datetime");
    await widget.getByRole("button", { name: "Weiter" }).click();

    // Step 3: contact, with inline validation.
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    expect(await focusedText(page)).toContain("h2#heading:Kontaktdaten angeben");
    await expect(widget.getByRole("timer").isVisible()).resolves.toBe(true);
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByText("Bitte geben Sie Ihren Namen ein.").waitFor();
    expect(await focusedText(page)).toMatch(/^input#name:/);
    await widget.getByLabel("E-Mail-Adresse").fill("erika@example");
    await widget.getByLabel("E-Mail-Adresse").blur();
    await widget.getByText("Bitte geben Sie eine gültige E-Mail-Adresse ein", { exact: false }).waitFor();
    await expectAccessible(page, "step 3 error (invalid contact)");
    await screenshot(page, "3-contact-errors");
    await widget.getByLabel("Vor- und Nachname").fill("Erika Mustermann");
    await widget.getByLabel("E-Mail-Adresse").fill("erika.mustermann@example.org");
    await widget.getByLabel(/Ich bin damit einverstanden/).check();
    await expectAccessible(page, "step 3 (contact)");
    await screenshot(page, "3-contact");
    await widget.getByRole("button", { name: "Weiter" }).click();

    // Step 4: review with the hold's remaining time and extend.
    await widget.getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();
    expect(await focusedText(page)).toContain("h2#heading:Angaben prüfen und Termin buchen");
    await expect(widget.getByText(`${time}–`, { exact: false }).first().isVisible()).resolves.toBe(true);
    const before = await widget.getByRole("timer").textContent();
    await widget.getByRole("button", { name: "Reservierung verlängern" }).click();
    await widget.getByText(/reserviert bis/).waitFor();
    expect(before).toMatch(/\d+:\d\d/);
    await expectAccessible(page, "step 4 (review)");
    await screenshot(page, "4-review");
    await widget.getByRole("button", { name: "Verbindlich buchen" }).click();

    // Confirmation.
    await widget.getByRole("heading", { name: "Ihr Termin ist gebucht" }).waitFor();
    expect(await focusedText(page)).toContain("h2#heading:Ihr Termin ist gebucht");
    const reference = (await widget.locator("dd strong").first().textContent())!.trim();
    expect(reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(widget.getByText("Biometrisches Passbild", { exact: false }).first().isVisible()).resolves.toBe(true);
    const ics = await widget.getByRole("link", { name: /Kalender/ }).getAttribute("href");
    expect(ics).toMatch(new RegExp(`^${stack.gatewayUrl}/`));
    const icsResponse = await fetch(ics!);
    expect(icsResponse.status).toBe(200);
    expect(await icsResponse.text()).toContain("BEGIN:VCALENDAR");
    await expectAccessible(page, "confirmation");
    await screenshot(page, "5-confirmation");

    // The confirmation mail reaches a real SMTP server, with the manage link.
    const mail = await stack.mailbox.waitFor("erika.mustermann@example.org");
    expect(mail.text).toContain(reference);
    const manageLink = /https?:\/\/\S+\/manage\/\S+#\S+/.exec(mail.text ?? "")?.[0];
    expect(manageLink).toBeDefined();
    console.log(`mail: "${mail.subject}" to erika.mustermann@example.org with manage link`);

    // Manage view from the mail's link: shows the booking; cancel it.
    const manage = await stack.newPage();
    manage.on("pageerror", (e) => errors.push(e.message));
    await manage.goto(manageLink!);
    const managed = manage.locator("terminvergabe-booking");
    await managed.getByRole("heading", { name: "Ihr Termin" }).waitFor();
    await managed.getByText(reference).first().waitFor();
    await expectAccessible(manage, "manage view");
    await screenshot(manage, "6-manage");
    await managed.getByRole("button", { name: "Termin absagen" }).click();
    await expectAccessible(manage, "manage view (confirm cancellation)");
    await managed.getByRole("button", { name: "Ja, Termin absagen" }).click();
    await managed.getByText("Status: abgesagt").waitFor();
    await expectAccessible(manage, "manage view (cancelled)");
    // Issue 11.10: no dead end after cancelling — a new booking starts here, the link's token leaves the address bar.
    await managed.getByRole("button", { name: "Neuen Termin buchen" }).click();
    await managed.getByRole("heading", { name: "Anliegen wählen" }).waitFor();
    expect(manage.url()).not.toContain("token=");
    await expectAccessible(manage, "manage page after cancel (new booking)");
    await screenshot(manage, "7-manage-cancelled");

    expect(errors).toEqual([]);
  });
});
