import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  type ComponentPage,
  focused,
  mount,
  recordEvents,
  recorded,
  setLocale,
  settled,
  useComponentPage,
} from "../../../test/component-page.ts";
import type { Tenant } from "../../lib/types.ts";

const tenant = (phoneRequired: boolean): Tenant => ({
  slug: "musterstadt",
  name: "Stadt Musterstadt",
  timeZone: "Europe/Berlin",
  privacyUrl: "https://musterstadt.example/datenschutz",
  phoneRequired,
  theme: [],
  offices: [],
  services: [],
});

async function openContact(c: ComponentPage, properties: Record<string, unknown> = {}): Promise<Page> {
  const page = await c.open(["src/components/step-contact/step-contact.ts"]);
  await recordEvents(page, ["tv-contact", "tv-announce", "tv-back"]);
  await mount(page, "terminvergabe-step-contact", { tenant: tenant(false), ...properties });
  return page;
}

const step = (page: Page) => page.locator("terminvergabe-step-contact");
const input = (page: Page, id: string) => step(page).locator(`input#${id}`);
/** The inline message under a field, or null when there is none. */
const message = async (page: Page, id: string) => {
  const error = step(page).locator(`#${id}-error`);
  return (await error.count()) ? (await error.textContent())?.trim() : null;
};

async function type(page: Page, id: string, value: string): Promise<void> {
  await input(page, id).fill(value);
  await settled(page);
}

/** Focus into and out of a field, as someone tabbing past it. */
async function visit(page: Page, id: string): Promise<void> {
  await input(page, id).focus();
  await input(page, id).blur();
  await settled(page);
}

async function submit(page: Page, name: RegExp = /^Weiter$/): Promise<void> {
  await page.getByRole("button", { name }).click();
  await settled(page);
}

describe("<terminvergabe-step-contact>", () => {
  const component = useComponentPage();

  it("labels its fields, marks the phone optional when the tenant does not require it, and links the privacy notice", async () => {
    const page = await openContact(component());
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("Kontaktdaten angeben");
    expect(await page.getByLabel("Vor- und Nachname").getAttribute("autocomplete")).toBe("name");
    expect(await page.getByLabel("E-Mail-Adresse").getAttribute("type")).toBe("email");
    const phone = page.getByLabel("Telefonnummer");
    expect(await phone.getAttribute("aria-required")).toBe("false");
    expect(await phone.evaluate((i) => (i as HTMLInputElement).required)).toBe(false);
    expect(await step(page).locator('label[for="phone"]').textContent()).toContain("(freiwillig)");
    expect(await step(page).locator('label[for="name"]').textContent()).not.toContain("(freiwillig)");
    const privacy = page.getByRole("link", { name: "Datenschutzhinweise lesen (öffnet ein neues Fenster)" });
    expect(await privacy.getAttribute("href")).toBe("https://musterstadt.example/datenschutz");
    // No message before the citizen has been in a field.
    for (const id of ["name", "email", "phone", "consent"]) expect(await message(page, id), id).toBeNull();
  });

  it("validates a field inline when it is left, in German, and clears the message once it is right", async () => {
    const page = await openContact(component());
    await visit(page, "name");
    expect(await message(page, "name")).toBe("Bitte geben Sie Ihren Namen ein.");
    expect(await input(page, "name").getAttribute("aria-invalid")).toBe("true");
    expect(await input(page, "name").getAttribute("aria-describedby")).toBe("name-error");
    expect(await message(page, "email")).toBeNull();

    await type(page, "email", "erika.example.org");
    await visit(page, "email");
    expect(await message(page, "email")).toBe("Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.");
    await type(page, "phone", "030 abc");
    await visit(page, "phone");
    expect(await message(page, "phone")).toBe("Bitte geben Sie eine gültige Telefonnummer ein, zum Beispiel 0301234567.");
    await type(page, "name", "x".repeat(201));
    expect(await message(page, "name")).toBe("Der Name ist zu lang (höchstens 200 Zeichen).");

    // Corrected while typing, without leaving the field.
    await type(page, "name", "Erika Mustermann");
    await type(page, "email", "erika@example.org");
    expect(await message(page, "name")).toBeNull();
    expect(await message(page, "email")).toBeNull();
    expect(await input(page, "email").getAttribute("aria-invalid")).toBe("false");
    expect(await input(page, "email").getAttribute("aria-describedby")).toBeNull();
  });

  it("on submit with problems shows every message, announces how many, focuses the first and emits nothing", async () => {
    const page = await openContact(component());
    await submit(page);
    expect(await message(page, "name")).toBe("Bitte geben Sie Ihren Namen ein.");
    expect(await message(page, "email")).toBe("Bitte geben Sie Ihre E-Mail-Adresse ein.");
    expect(await message(page, "phone")).toBeNull(); // optional for this tenant
    expect(await message(page, "consent")).toBe(
      "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu, damit wir den Termin buchen können.",
    );
    expect(await focused(page)).toBe("name");
    expect((await recorded(page, "tv-announce")).map((e) => e.detail)).toEqual([
      { message: "Bitte korrigieren Sie 3 Angaben.", assertive: true },
    ]);

    await type(page, "name", "Erika Mustermann");
    await type(page, "email", "erika@example.org");
    await submit(page);
    expect(await focused(page)).toBe("consent");
    expect((await recorded<{ message: string }>(page, "tv-announce")).at(-1)?.detail.message).toBe("Bitte korrigieren Sie 1 Angabe.");
    expect(await recorded(page, "tv-contact")).toEqual([]);
  });

  it("emits tv-contact once, with trimmed values, when everything is valid", async () => {
    const page = await openContact(component());
    await type(page, "name", "  Erika Mustermann ");
    await type(page, "email", " erika@example.org ");
    await page.getByLabel(/Ich bin damit einverstanden/).check();
    await submit(page);
    const events = await recorded(page, "tv-contact");
    expect(events.map((e) => e.detail)).toEqual([
      { contact: { name: "Erika Mustermann", email: "erika@example.org", phone: "", consent: true } },
    ]);
    expect(await recorded(page, "tv-announce")).toEqual([]);
    await page.getByRole("button", { name: "Zurück" }).click();
    expect(await recorded(page, "tv-back")).toHaveLength(1);
  });

  it("requires the phone number when the tenant says so", async () => {
    const page = await openContact(component(), { tenant: tenant(true) });
    const phone = page.getByLabel("Telefonnummer");
    expect(await phone.getAttribute("aria-required")).toBe("true");
    expect(await phone.evaluate((i) => (i as HTMLInputElement).required)).toBe(true);
    expect(await step(page).locator('label[for="phone"]').textContent()).not.toContain("(freiwillig)");

    await type(page, "name", "Erika Mustermann");
    await type(page, "email", "erika@example.org");
    await page.getByLabel(/Ich bin damit einverstanden/).check();
    await submit(page);
    expect(await message(page, "phone")).toBe("Bitte geben Sie Ihre Telefonnummer ein.");
    expect(await focused(page)).toBe("phone");
    expect(await recorded(page, "tv-contact")).toEqual([]);

    await type(page, "phone", "+49 30 1234567");
    await submit(page);
    expect((await recorded(page, "tv-contact")).map((e) => e.detail)).toEqual([
      { contact: { name: "Erika Mustermann", email: "erika@example.org", phone: "+49 30 1234567", consent: true } },
    ]);
  });

  it("shows the server's message for a field at once and drops it when the field changes", async () => {
    const page = await openContact(component(), {
      value: { name: "Erika Mustermann", email: "erika@example.org", phone: "", consent: true },
      serverErrors: { "contact.email": "An diese Adresse können wir nicht zustellen." },
    });
    expect(await input(page, "name").inputValue()).toBe("Erika Mustermann");
    expect(await message(page, "email")).toBe("An diese Adresse können wir nicht zustellen.");
    await submit(page);
    expect(await recorded(page, "tv-contact")).toEqual([]);
    await type(page, "email", "erika@example.net");
    expect(await message(page, "email")).toBeNull();
    await submit(page);
    expect((await recorded<{ contact: { email: string } }>(page, "tv-contact")).map((e) => e.detail.contact.email)).toEqual([
      "erika@example.net",
    ]);
  });

  it("validates in English", async () => {
    const page = await openContact(component(), { tenant: tenant(true) });
    await setLocale(page, "en");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("Enter your contact details");
    await type(page, "email", "erika@");
    await type(page, "phone", "12");
    await submit(page, /^Next$/);
    expect(await message(page, "name")).toBe("Please enter your name.");
    expect(await message(page, "email")).toBe("Please enter a valid e-mail address, for example name@example.org.");
    expect(await message(page, "phone")).toBe("Please enter a valid phone number, for example 0301234567.");
    expect(await message(page, "consent")).toBe("Please agree to the processing of your details so that we can book the appointment.");
    expect((await recorded<{ message: string }>(page, "tv-announce"))[0]?.detail.message).toBe("Please correct 4 entries.");
    expect(await page.getByLabel("First and last name").count()).toBe(1);
  });
});
