import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { mount, settled, useComponentPage } from "../../../test/component-page.ts";

const NOW = new Date("2026-03-03T09:00:00.000Z");
const office = { id: "o1", slug: "rathaus", name: "Rathaus", timeZone: "Europe/Berlin", phoneHours: null, address: { street: "Markt 1", postalCode: "12345", city: "Musterstadt" }, services: [{ id: "s1" }] };
const tenant = {
  slug: "amt", name: "Amt", timeZone: "Europe/Berlin", privacyUrl: null, phoneRequired: false, cancellationCutoffMinutes: 60, waitingRoom: null, theme: [], offices: [office],
  services: [{ id: "s1", name: "Personalausweis", description: "", category: "Ausweise", durationMinutes: 15, additionalUnitMinutes: 0, maxQuantity: 1, documents: [], hints: [] }],
};
const slotIn = (minutes: number) => {
  const start = new Date(NOW.getTime() + minutes * 60_000);
  return { start: start.toISOString(), end: new Date(start.getTime() + 15 * 60_000).toISOString() };
};
const CUTOFF_NOTICE = "Dieser Termin liegt so kurz bevor, dass Sie ihn nach dem Buchen online nicht mehr verschieben oder absagen können.";

async function review(page: Page, minutesAhead: number): Promise<number> {
  await mount(page, "terminvergabe-step-review", {
    tenant,
    selection: { office, items: [{ serviceId: "s1", quantity: 1 }] },
    time: slotIn(minutesAhead),
    contact: { name: "Erika Mustermann", email: "erika@example.org", phone: "", consent: true },
  });
  await settled(page);
  await page.locator("terminvergabe-step-review").getByRole("heading", { name: "Angaben prüfen und Termin buchen" }).waitFor();
  return page.locator("terminvergabe-step-review").getByText(CUTOFF_NOTICE).count();
}

describe("<terminvergabe-step-review> and the cancellation cut-off (issue 11.3)", () => {
  const component = useComponentPage();

  it("says before booking that a time inside the cut-off cannot be changed online afterwards", async () => {
    const page = await component().open(["src/components/step-review/step-review.ts"], { clock: NOW });
    expect(await review(page, 30)).toBe(1);
  });

  it("says nothing of the kind for a time outside the cut-off", async () => {
    const page = await component().open(["src/components/step-review/step-review.ts"], { clock: NOW });
    expect(await review(page, 24 * 60)).toBe(0);
  });
});
