import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, focusedText, type Stack, startStack } from "./support/stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

describe("Back, Zurück and reload keep the wizard (issue 11.7)", () => {
  it("keeps typed contact data through Zurück/Weiter, goes one step back with the browser's Back, and restores the wizard with its hold after a reload", async () => {
    const page = await stack.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${stack.demoUrl}/demo-buergerbuero`);
    const widget = page.locator("terminvergabe-booking");
    await widget.getByRole("heading", { name: "Anliegen wählen" }).waitFor();
    await widget.getByLabel("Bürgerbüro Rathaus").check();
    await widget.getByLabel("Personalausweis und Reisepass").check();
    await widget.getByRole("button", { name: "Weiter" }).click();

    await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor();
    // Issue 11.11: the days are described by status, not by a colour the editor may theme away.
    const instructions = await widget.locator("terminvergabe-step-datetime section > p").allTextContents();
    expect(instructions.join(" ")).toContain("Tag mit freien Terminen");
    expect(instructions.join(" ")).not.toMatch(/grün|green|rot\b|red\b/i);
    const chooseTime = async () => {
      await widget.locator("td.AVAILABLE").first().click();
      await widget.locator("input[name=time]").first().waitFor();
      await widget.locator("input[name=time]").first().check();
      await widget.getByRole("button", { name: "Weiter" }).click();
      await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    };
    await chooseTime();
    await widget.getByLabel("Vor- und Nachname").fill("Erika Mustermann");
    await widget.getByLabel("E-Mail-Adresse").fill("erika.restore@example.org");

    // Zurück and Weiter again: what was typed is still there.
    await widget.getByRole("button", { name: "Zurück" }).click();
    await widget.getByRole("heading", { name: "Tag und Uhrzeit wählen" }).waitFor();
    await chooseTime();
    await expect(widget.getByLabel("Vor- und Nachname").inputValue()).resolves.toBe("Erika Mustermann");
    await expect(widget.getByLabel("E-Mail-Adresse").inputValue()).resolves.toBe("erika.restore@example.org");
    await widget.getByLabel(/Ich bin damit einverstanden/).check();
    await widget.getByRole("button", { name: "Weiter" }).click();
    await widget.getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();

    // The browser's Back goes one step back, not off the page; Forward returns.
    const url = page.url();
    await page.goBack();
    await widget.getByRole("heading", { name: "Kontaktdaten angeben" }).waitFor();
    expect(page.url()).toBe(url);
    await expect(widget.getByLabel("E-Mail-Adresse").inputValue()).resolves.toBe("erika.restore@example.org");
    await page.goForward();
    await widget.getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();

    // Nothing personal in the URL; a reload restores the step and the hold.
    expect(page.url()).not.toContain("erika");
    const until = await widget.getByRole("timer").textContent();
    await page.reload();
    await widget.getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();
    await expect(widget.getByRole("timer").isVisible()).resolves.toBe(true);
    expect(until).toMatch(/\d/);
    await expectAccessible(page, "restored wizard (review)");
    await widget.getByRole("button", { name: "Verbindlich buchen" }).click();
    await widget.getByRole("heading", { name: "Ihr Termin ist gebucht" }).waitFor();
    expect(await focusedText(page)).toContain("Ihr Termin ist gebucht");

    // After booking, a reload starts afresh: nothing is kept.
    await page.reload();
    await widget.getByRole("heading", { name: "Anliegen wählen" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(errors).toEqual([]);
  });
});
