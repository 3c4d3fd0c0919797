import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePhone, validateConfirmationInput, validateContact } from "./contact.ts";
import { checkBookingLimits } from "./limits.ts";
import { changeAllowed } from "./status.ts";
import { normalizeReference, REFERENCE_ALPHABET, referenceFromBytes } from "./reference.ts";

describe("booking references", () => {
  it("never contain 0, O, 1 or I and always normalise back to themselves", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const ref = referenceFromBytes(bytes);
        expect(ref).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
        expect(normalizeReference(ref.toLowerCase().replace("-", " "))).toBe(ref);
      }),
    );
  });
  it("uses 32 symbols, so every byte maps without bias", () => {
    expect(new Set(REFERENCE_ALPHABET).size).toBe(32);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01IO]/);
  });
  it("rejects input that cannot be a reference", () => {
    expect(normalizeReference("K7QF-M2X0")).toBeNull();
    expect(normalizeReference("short")).toBeNull();
  });
});

describe("contact validation", () => {
  it("given valid data, normalises e-mail and a German phone number", () => {
    const result = validateContact({ name: "  Erika   Beispiel ", email: "Erika@Example.ORG ", phone: "030 / 123 456-7" }, { phoneRequired: false });
    expect(result).toEqual({
      ok: true,
      value: {
        name: "Erika Beispiel",
        email: "Erika@Example.ORG",
        emailNormalized: "erika@example.org",
        phone: "030 / 123 456-7",
        phoneNormalized: "+49301234567",
      },
    });
  });
  it("given bad data, reports every field at once", () => {
    const result = validateContact({ name: " ", email: "no-at-sign", phone: "call me" }, { phoneRequired: true });
    expect(result).toEqual({
      ok: false,
      error: [
        { field: "name", code: "NAME_REQUIRED" },
        { field: "email", code: "EMAIL_INVALID" },
        { field: "phone", code: "PHONE_INVALID" },
      ],
    });
  });
  it("requires a phone only where the tenant says so", () => {
    expect(validateContact({ name: "A", email: "a@b.de" }, { phoneRequired: true })).toMatchObject({
      ok: false,
      error: [{ field: "phone", code: "PHONE_REQUIRED" }],
    });
    expect(validateContact({ name: "A", email: "a@b.de" }, { phoneRequired: false }).ok).toBe(true);
  });
  it("asks for consent first, then reports the contact errors", () => {
    expect(validateConfirmationInput({ consent: false, contact: { name: "", email: "a@b.de" } }, { phoneRequired: false })).toEqual({
      ok: false,
      error: [
        { field: "consent", code: "CONSENT_REQUIRED" },
        { field: "name", code: "NAME_REQUIRED" },
      ],
    });
    expect(validateConfirmationInput({ consent: true, contact: { name: "A", email: "a@b.de" } }, { phoneRequired: false }).ok).toBe(true);
  });
  it("normalises international formats", () => {
    expect(normalizePhone("+49 (30) 1234567")).toBe("+49301234567");
    expect(normalizePhone("0049 30 1234567")).toBe("+49301234567");
    expect(normalizePhone("12")).toBeNull();
  });
});

describe("anti-hoarding limits", () => {
  const policy = { maxActiveBookingsPerPerson: 2, noShowLimit: 2, noShowWindowMonths: 6 };
  const clean = { activeFutureBookings: 0, activeServiceIds: [], noShowStarts: [] };
  const now = new Date("2030-01-08T09:00:00Z");
  const noShows = (n: number) => Array.from({ length: n }, () => new Date("2029-12-01T09:00:00Z"));
  it("allows a first booking", () => {
    expect(checkBookingLimits(clean, ["s1"], policy, now)).toBeNull();
  });
  it("blocks more active bookings than allowed", () => {
    expect(checkBookingLimits({ ...clean, activeFutureBookings: 2, activeServiceIds: ["a", "b"] }, ["s1"], policy, now)).toEqual({
      kind: "TOO_MANY_ACTIVE_BOOKINGS",
      max: 2,
    });
  });
  it("blocks a second booking of the same concern", () => {
    expect(checkBookingLimits({ ...clean, activeFutureBookings: 1, activeServiceIds: ["s1"] }, ["s1"], policy, now)).toEqual({
      kind: "SAME_SERVICE_ALREADY_BOOKED",
      serviceId: "s1",
    });
  });
  it("blocks online booking after too many recent no-shows; 0 disables a limit", () => {
    expect(checkBookingLimits({ ...clean, noShowStarts: noShows(2) }, ["s1"], policy, now)?.kind).toBe("TOO_MANY_NO_SHOWS");
    const off = { maxActiveBookingsPerPerson: 0, noShowLimit: 0, noShowWindowMonths: 6 };
    expect(checkBookingLimits({ ...clean, noShowStarts: noShows(9), activeFutureBookings: 9 }, ["s1"], off, now)).toBeNull();
  });
  it("allows changes only before the cut-off", () => {
    const start = new Date("2030-01-01T10:00:00Z");
    expect(changeAllowed(start, new Date("2030-01-01T08:59:00Z"), 60)).toBe(true);
    expect(changeAllowed(start, new Date("2030-01-01T09:01:00Z"), 60)).toBe(false);
  });
});
