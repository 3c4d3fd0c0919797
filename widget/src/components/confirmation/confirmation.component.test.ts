import { describe, expect, it } from "vitest";
import { mount, settled, useComponentPage } from "../../../test/component-page.ts";
import type { Confirmation } from "../../lib/types.ts";

const confirmation = (verificationRequired: boolean): Confirmation => ({
  __typename: "BookingConfirmation",
  manageToken: "token",
  verificationRequired,
  booking: {
    reference: "K7QF-M2XA",
    status: verificationRequired ? "PENDING_VERIFICATION" : "CONFIRMED",
    changeable: true,
    start: "2026-03-05T08:00:00.000Z",
    end: "2026-03-05T08:15:00.000Z",
    icsUrl: "https://gateway.example/ics/amt/K7QF-M2XA.ics?key=abc",
    office: { id: "o1", name: "Bürgerbüro", timeZone: "Europe/Berlin", address: { street: "Markt 1", postalCode: "12345", city: "Musterstadt" } },
    services: [{ quantity: 1, service: { id: "s1", name: "Personalausweis", documents: [], hints: [] } }],
  },
});

const tenant = { slug: "amt", name: "Amt", timeZone: "Europe/Berlin", offices: [], services: [], theme: [], phoneRequired: false, privacyUrl: null, waitingRoom: null };

describe("<terminvergabe-confirmation> (issue 11.10)", () => {
  const component = useComponentPage();

  it("shows a booked appointment as a success with the calendar file", async () => {
    const page = await component().open(["src/components/confirmation/confirmation.ts"]);
    await mount(page, "terminvergabe-confirmation", { tenant, confirmation: confirmation(false) });
    await settled(page);
    const element = page.locator("terminvergabe-confirmation");
    expect(await element.locator(".notice.success").count()).toBe(1);
    expect(await element.getByRole("link", { name: /Kalender/ }).count()).toBe(1);
  });

  it("does not show an unverified booking as a green success, and offers no calendar file before it is verified", async () => {
    const page = await component().open(["src/components/confirmation/confirmation.ts"]);
    await mount(page, "terminvergabe-confirmation", { tenant, confirmation: confirmation(true) });
    await settled(page);
    const element = page.locator("terminvergabe-confirmation");
    await element.getByRole("heading", { name: "Bitte bestätigen Sie Ihre E-Mail-Adresse" }).waitFor();
    expect(await element.locator(".notice").count()).toBe(1);
    expect(await element.locator(".notice.success").count()).toBe(0);
    expect(await element.getByRole("link", { name: /Kalender/ }).count()).toBe(0);
  });
});
