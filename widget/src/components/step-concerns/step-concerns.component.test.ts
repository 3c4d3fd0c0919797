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
import type { Office, Service, Tenant } from "../../lib/types.ts";

const service = (s: Partial<Service> & Pick<Service, "id" | "name" | "category">): Service => ({
  description: `${s.name} – Beschreibung`,
  durationMinutes: 10,
  additionalUnitMinutes: 0,
  maxQuantity: 1,
  documents: [],
  hints: [],
  ...s,
});

const office = (id: string, slug: string, name: string, services: string[]): Office => ({
  id,
  slug,
  name,
  address: { street: `${name}straße 1`, postalCode: "12345", city: "Musterstadt" },
  timeZone: "Europe/Berlin",
  phoneHours: null,
  services: services.map((s) => ({ id: s })),
});

const TENANT: Tenant = {
  slug: "musterstadt",
  name: "Stadt Musterstadt",
  timeZone: "Europe/Berlin",
  privacyUrl: null,
  phoneRequired: false,
  theme: [],
  offices: [
    office("o-rathaus", "rathaus", "Rathaus", ["s-ausweis", "s-beglaubigung", "s-melde"]),
    office("o-nord", "nord", "Bürgeramt Nord", ["s-beglaubigung"]),
    office("o-leer", "leer", "Außenstelle", []),
  ],
  services: [
    service({
      id: "s-ausweis",
      name: "Personalausweis beantragen",
      category: "Ausweise und Pässe",
      durationMinutes: 20,
      documents: ["Biometrisches Passfoto", "Bisheriger Ausweis"],
      hints: ["Die Gebühr beträgt 37 Euro."],
    }),
    service({
      id: "s-beglaubigung",
      name: "Beglaubigung",
      category: "Beglaubigungen",
      durationMinutes: 10,
      additionalUnitMinutes: 5,
      maxQuantity: 3,
      documents: ["Originaldokument"],
    }),
    service({ id: "s-melde", name: "Meldebescheinigung", category: "Meldewesen" }),
    service({ id: "s-gewerbe", name: "Gewerbeanmeldung", category: "Gewerbe" }),
  ],
};

async function openConcerns(c: ComponentPage, properties: Record<string, unknown> = {}): Promise<Page> {
  const page = await c.open(["src/components/step-concerns/step-concerns.ts"]);
  await recordEvents(page, ["tv-concerns", "tv-announce"]);
  await mount(page, "terminvergabe-step-concerns", { tenant: TENANT, ...properties });
  return page;
}

const step = (page: Page) => page.locator("terminvergabe-step-concerns");
const texts = (page: Page, selector: string) => step(page).locator(selector).evaluateAll((n) => n.map((e) => e.textContent!.trim()));
const total = (page: Page) => step(page).locator(".total").textContent().then((t) => t?.trim());

async function next(page: Page, name = "Weiter"): Promise<void> {
  await page.getByRole("button", { name }).click();
  await settled(page);
}

describe("<terminvergabe-step-concerns>", () => {
  const component = useComponentPage();

  it("lists the fixed office's concerns grouped by category, in the tenant's order", async () => {
    const page = await openConcerns(component(), { fixedOffice: "rathaus" });
    expect(await page.getByRole("radio").count()).toBe(0);
    expect(await step(page).locator("p strong").first().textContent()).toBe("Rathaus");
    expect(await texts(page, "fieldset > legend")).toEqual(["Ausweise und Pässe", "Beglaubigungen", "Meldewesen"]);
    expect(await texts(page, ".choice label")).toEqual(["Personalausweis beantragen", "Beglaubigung", "Meldebescheinigung"]);
    // Served by no office here.
    expect(await page.getByText("Gewerbeanmeldung").count()).toBe(0);
    expect(await page.getByRole("checkbox", { checked: true }).count()).toBe(0);
    expect(await total(page)).toBe("");
  });

  it("offers a quantity up to each concern's maximum and adds up the expected duration", async () => {
    const page = await openConcerns(component(), { fixedOffice: "o-rathaus" });
    await page.getByLabel("Beglaubigung", { exact: true }).check();
    await settled(page);
    const quantity = page.getByLabel("Anzahl für „Beglaubigung“");
    expect(await quantity.locator("option").evaluateAll((o) => o.map((e) => e.textContent))).toEqual(["1", "2", "3"]);
    expect(await quantity.inputValue()).toBe("1");
    expect(await total(page)).toBe("Voraussichtliche Dauer: 10 Minuten");
    await quantity.selectOption("3");
    await settled(page);
    expect(await total(page)).toBe("Voraussichtliche Dauer: 20 Minuten");
    expect(await step(page).locator(".total").getAttribute("aria-live")).toBe("polite");

    // At most one: no quantity to choose.
    await page.getByLabel("Personalausweis beantragen").check();
    await settled(page);
    expect(await page.getByLabel("Anzahl für „Personalausweis beantragen“").count()).toBe(0);
    expect(await total(page)).toBe("Voraussichtliche Dauer: 40 Minuten");

    await next(page);
    // The tenant's order, not the order of the clicks.
    expect((await recorded(page, "tv-concerns")).map((e) => e.detail)).toEqual([
      { officeId: "o-rathaus", items: [{ serviceId: "s-ausweis", quantity: 1 }, { serviceId: "s-beglaubigung", quantity: 3 }] },
    ]);

    await page.getByLabel("Beglaubigung", { exact: true }).uncheck();
    await settled(page);
    expect(await page.getByLabel("Anzahl für „Beglaubigung“").count()).toBe(0);
    expect(await total(page)).toBe("Voraussichtliche Dauer: 20 Minuten");
  });

  it("shows the documents to bring and the hints of a concern that has them", async () => {
    const page = await openConcerns(component(), { fixedOffice: "rathaus" });
    const summaries = step(page).locator("summary");
    // Personalausweis and Beglaubigung have details; Meldebescheinigung has none.
    expect(await summaries.count()).toBe(2);
    const details = step(page).locator("details").first();
    expect(await details.getByText("Biometrisches Passfoto").isVisible()).toBe(false);
    await summaries.first().click();
    expect(await details.getByText("Biometrisches Passfoto").isVisible()).toBe(true);
    expect(await details.locator("h3").evaluateAll((h) => h.map((e) => e.textContent))).toEqual(["Bitte mitbringen", "Hinweise"]);
    expect(await details.locator("li").evaluateAll((l) => l.map((e) => e.textContent))).toEqual([
      "Biometrisches Passfoto",
      "Bisheriger Ausweis",
      "Die Gebühr beträgt 37 Euro.",
    ]);
    // Documents only: no empty hints heading.
    expect(await step(page).locator("details").nth(1).locator("h3").evaluateAll((h) => h.map((e) => e.textContent))).toEqual(["Bitte mitbringen"]);
    expect(await summaries.first().textContent()).toBe("Mitzubringende Unterlagen und Hinweise");
  });

  it("does not go on without a concern: says why, announces it and focuses the first choice", async () => {
    const page = await openConcerns(component(), { fixedOffice: "rathaus" });
    await next(page);
    expect(await step(page).locator("#error").textContent()).toBe("Bitte wählen Sie mindestens ein Anliegen.");
    expect((await recorded(page, "tv-announce")).map((e) => e.detail)).toEqual([
      { message: "Bitte wählen Sie mindestens ein Anliegen.", assertive: true },
    ]);
    expect(await focused(page)).toBe("service-s-ausweis");
    expect(await recorded(page, "tv-concerns")).toEqual([]);
    await page.getByLabel("Meldebescheinigung").check();
    await settled(page);
    expect(await step(page).locator("#error").count()).toBe(0);
  });

  it("lets the citizen choose among several offices and keeps only concerns the chosen one serves", async () => {
    const page = await openConcerns(component());
    const offices = page.getByRole("group", { name: "Standort" });
    expect(await offices.getByRole("radio").count()).toBe(3);
    expect(await page.getByRole("checkbox").count()).toBe(0);
    await next(page);
    expect(await step(page).locator("#error").textContent()).toBe("Bitte wählen Sie einen Standort.");
    expect(await focused(page)).toBe("office-o-rathaus");

    await page.getByRole("radio", { name: /Rathaus/ }).check();
    await settled(page);
    await page.getByLabel("Personalausweis beantragen").check();
    await page.getByLabel("Beglaubigung", { exact: true }).check();
    await page.getByRole("radio", { name: /Bürgeramt Nord/ }).check();
    await settled(page);
    expect(await texts(page, ".choice label")).toEqual(["Beglaubigung"]);
    expect(await page.getByLabel("Beglaubigung", { exact: true }).isChecked()).toBe(true);
    await next(page);
    expect((await recorded(page, "tv-concerns")).map((e) => e.detail)).toEqual([
      { officeId: "o-nord", items: [{ serviceId: "s-beglaubigung", quantity: 1 }] },
    ]);

    await page.getByRole("radio", { name: /Außenstelle/ }).check();
    await settled(page);
    expect(await step(page).locator(".notice").textContent()).toBe("An diesem Standort können derzeit keine Termine online gebucht werden.");
  });

  it("speaks English", async () => {
    const page = await openConcerns(component());
    await setLocale(page, "en");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("Choose your concerns");
    expect(await page.getByRole("group", { name: "Location" }).count()).toBe(1);
    await next(page, "Next");
    expect(await step(page).locator("#error").textContent()).toBe("Please choose a location.");
    await page.getByRole("radio", { name: /Rathaus/ }).check();
    await page.getByLabel("Beglaubigung", { exact: true }).check();
    await settled(page);
    await page.getByLabel("Number for “Beglaubigung”").selectOption("2");
    await settled(page);
    expect(await total(page)).toBe("Expected duration: 15 minutes");
    expect(await step(page).locator("summary").first().textContent()).toBe("Documents to bring and notes");
  });
});
