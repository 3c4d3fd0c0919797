/**
 * The desk's theme editor (issue 13) in Chromium against the real gateway on PostgreSQL: an
 * admin changes the primary colour and the font, sees the preview and the contrast check
 * follow, saves, and the citizen's widget wears the new theme; a primary colour too light
 * for white text is refused with the gateway's contrast message and nothing changes. axe on
 * the view, a screenshot under artifacts/screenshots/.
 */
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectDeskAccessible } from "./support/desk.ts";
import { citizenPage, usePostgresStack } from "./support/postgres-stack.ts";
import { screenshot } from "./support/stack.ts";

const TENANT = "demo-buergerservice";
const ADMIN = { email: "buergerservice.admin@example.org", password: "demo-passwort" };

const env = usePostgresStack();
/** Answers come from the gateway on a machine shared with other suites: wait up to 15 s for them. */
const WAIT = { timeout: 15_000 };

async function publicTheme(): Promise<Record<string, string>> {
  const { tenant } = await env.stack.gql(`{ tenant(slug: "${TENANT}") { theme { name value } } }`);
  return Object.fromEntries(tenant.theme.map((e: { name: string; value: string }) => [e.name, e.value]));
}

/** A computed style inside the theme editor's shadow root. */
function previewStyle(editor: Locator, selector: string, property: string): Promise<string> {
  return editor.locator(selector).evaluate((element, p) => getComputedStyle(element).getPropertyValue(p), property);
}

describe("staff desk: the theme editor", () => {
  it("previews a new primary colour, saves it for the widget, and refuses a colour too light for its text", async () => {
    const page = await env.stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.stack.gatewayUrl}/desk/${TENANT}`);
    const desk = page.locator("terminvergabe-desk");
    await desk.getByLabel("E-Mail-Adresse").fill(ADMIN.email);
    await desk.getByLabel("Passwort").fill(ADMIN.password);
    await desk.getByRole("button", { name: "Anmelden", exact: true }).click();
    await desk.getByRole("heading", { name: /^Tagesliste – / }).waitFor();

    await desk.getByRole("navigation").getByRole("button", { name: "Einstellungen" }).click();
    const editor = desk.locator("tv-desk-theme-editor");
    await editor.getByRole("heading", { name: "Erscheinungsbild im Buchungsformular" }).waitFor();
    const primary = editor.getByLabel("Hauptfarbe (Schaltflächen, gewählte Zeit)", { exact: true });
    // The demo agency's colour as stored (packages/db demo seed).
    expect(await primary.inputValue()).toBe("#9b1c31");

    // Preview and contrast check follow the typing, before anything is saved.
    await primary.fill("#1B5E20");
    await expect.poll(() => previewStyle(editor, ".preview .next", "background-color"), WAIT).toBe("rgb(27, 94, 32)");
    await editor.getByLabel("Schriftart").selectOption("Georgia, serif");
    await expect.poll(() => previewStyle(editor, ".preview", "font-family"), WAIT).toBe("Georgia, serif");
    await editor.getByLabel("Eckenradius in Pixeln (0 bis 24)").fill("10");
    await expect.poll(() => previewStyle(editor, ".preview .next", "border-top-left-radius"), WAIT).toBe("10px");
    await expect.poll(() => editor.locator(".check li").first().textContent(), WAIT).toMatch(/^Schrift auf der Hauptfarbe \(#ffffff \/ #1b5e20\):\s+7,86:1 – ausreichend$/);
    expect(await publicTheme()).toMatchObject({ "--tv-color-primary": "#9b1c31" });

    await expectDeskAccessible(page, "settings with the theme editor");
    await screenshot(page, "desk-theme-editor");

    await editor.getByRole("button", { name: "Erscheinungsbild speichern" }).click();
    await expect.poll(() => editor.getByRole("status").textContent(), WAIT).toBe("Erscheinungsbild gespeichert. Das Buchungsformular zeigt es ab sofort.");
    const saved = await publicTheme();
    // Saved as edited; the tokens the editor does not offer (the focus colour) are kept.
    expect(saved).toEqual({
      "--tv-color-primary": "#1b5e20",
      "--tv-color-on-primary": "#ffffff",
      "--tv-color-focus": "#6d1322",
      "--tv-radius": "10px",
      "--tv-font-family": "Georgia, serif",
    });

    // The citizen's widget wears it.
    const citizen = await citizenPage(env.stack, TENANT);
    const widget = citizen.locator("terminvergabe-booking");
    const next = widget.getByRole("button", { name: "Weiter" });
    await next.waitFor();
    const look = () => next.evaluate((b) => ({ background: getComputedStyle(b).backgroundColor, font: getComputedStyle(b).fontFamily }));
    await expect.poll(look, WAIT).toEqual({ background: "rgb(27, 94, 32)", font: "Georgia, serif" });
    await citizen.context().close();

    // Too light for white text: the live check says so, the gateway refuses with the pair and the ratio.
    await primary.fill("#ffeb3b");
    await expect.poll(() => editor.locator(".check li").first().textContent(), WAIT).toMatch(/1,22:1 – zu gering, mindestens 4,5:1 nötig$/);
    await editor.getByRole("button", { name: "Erscheinungsbild speichern" }).click();
    await expect.poll(() => editor.getByRole("alert").textContent(), WAIT)
      .toBe("Zu wenig Kontrast: Schrift auf der Hauptfarbe (#ffffff auf #ffeb3b) erreicht nur 1,22:1, nötig sind mindestens 4,5:1 (WCAG 1.4.3).");
    expect(await primary.getAttribute("aria-invalid")).toBe("true");
    expect(await primary.evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input)).toBe(true);
    expect(await publicTheme()).toEqual(saved);
    expect(errors).toEqual([]);
  });
});
