import { describe, expect, it } from "vitest";
import { err, ok } from "../shared/result.ts";
import { validateMassCancellation } from "./mass-cancellation.ts";
import { parseBookingSearch, validateStaffContact } from "./on-behalf.ts";

describe("contact data taken on the phone", () => {
  it("given only a name and a phone number, is valid without an e-mail address", () => {
    expect(validateStaffContact({ name: " Erika  Muster ", phone: "030 1234567" })).toEqual(
      ok({ name: "Erika Muster", email: null, emailNormalized: null, phone: "030 1234567", phoneNormalized: "+49301234567" }),
    );
  });
  it("given neither e-mail nor phone, asks for a phone number", () => {
    expect(validateStaffContact({ name: "Erika" })).toEqual(err([{ field: "phone", code: "PHONE_REQUIRED" }]));
  });
  it("reports every bad field at once", () => {
    expect(validateStaffContact({ name: "", email: "nope", phone: "abc" })).toEqual(
      err([
        { field: "name", code: "NAME_REQUIRED" },
        { field: "email", code: "EMAIL_INVALID" },
        { field: "phone", code: "PHONE_INVALID" },
      ]),
    );
  });
});

describe("the desk's search box", () => {
  it("reads a reference in any spelling", () => {
    expect(parseBookingSearch(" k7qf m2xa ")).toEqual(ok({ kind: "REFERENCE", reference: "K7QF-M2XA" }));
  });
  it("reads an e-mail address, a phone number and a name", () => {
    expect(parseBookingSearch("Erika@Example.org")).toEqual(ok({ kind: "EMAIL", emailNormalized: "erika@example.org" }));
    expect(parseBookingSearch("0301234567")).toEqual(ok({ kind: "PHONE", phoneNormalized: "+49301234567" }));
    expect(parseBookingSearch("Müller")).toEqual(ok({ kind: "NAME", prefix: "müller" }));
  });
  it("refuses one letter (it would list half the agency)", () => {
    expect(parseBookingSearch(" m ")).toEqual(err({ type: "QUERY_TOO_SHORT", min: 2 }));
  });
});

describe("a mass cancellation's request", () => {
  const reason = { de: "Neue Öffnungszeiten: bitte neu buchen." };
  it("given a valid range and a German reason, uses the German text for English readers too", () => {
    expect(validateMassCancellation({ from: "2030-09-01", to: "2030-09-30", reason })).toEqual(
      ok({ from: "2030-09-01", to: "2030-09-30", fromDay: 22158, toDay: 22187, reason: { de: reason.de, en: reason.de } }),
    );
  });
  it("refuses a range that ends before it starts, a malformed date and an empty reason", () => {
    expect(validateMassCancellation({ from: "2030-09-02", to: "2030-09-01", reason })).toEqual(err({ type: "INVALID_RANGE" }));
    expect(validateMassCancellation({ from: "2030-02-30", to: "2030-09-01", reason })).toEqual(err({ type: "MALFORMED_DATE", field: "from" }));
    expect(validateMassCancellation({ from: "2030-09-01", to: "2030-09-01", reason: { de: " " } })).toEqual(err({ type: "REASON_REQUIRED" }));
  });
});

describe("a local day as instants", () => {
  it("given the spring daylight-saving day in Berlin, is 23 hours long", async () => {
    const { localDaysRange } = await import("./days.ts");
    expect(localDaysRange("Europe/Berlin", "2030-03-31")).toEqual({ start: new Date("2030-03-30T23:00:00Z"), end: new Date("2030-03-31T22:00:00Z") });
    expect(localDaysRange("Europe/Berlin", "2030-04-02", "2030-04-01")).toBeNull();
  });
});

describe("the no-show rate of a period", () => {
  it("given recorded attendance, is the missed share of it; unmarked and cancelled ones do not count", async () => {
    const { noShowRate } = await import("./statistics.ts");
    expect(noShowRate({ NO_SHOW: 1, COMPLETED: 2, CHECKED_IN: 1, UNMARKED: 10, CANCELLED: 5 })).toBe(0.25);
  });
  it("given nothing recorded, has no rate (not zero)", async () => {
    const { noShowRate } = await import("./statistics.ts");
    expect(noShowRate({ UNMARKED: 3, CONFIRMED: 2 })).toBeNull();
  });
});

describe("a closure an admin enters", () => {
  it("given whole days and a German reason, is valid, with the English reason falling back to German", async () => {
    const { validateClosure } = await import("./closures.ts");
    expect(validateClosure({ from: "2030-12-24", to: "2030-12-26", reason: { de: "Weihnachten" } })).toEqual(
      ok({ from: "2030-12-24", to: "2030-12-26", startTime: null, endTime: null, reason: { de: "Weihnachten", en: "Weihnachten" } }),
    );
  });
  it("refuses a time range with only one end, or one that ends before it starts", async () => {
    const { validateClosure } = await import("./closures.ts");
    const reason = { de: "Betriebsversammlung" };
    expect(validateClosure({ from: "2030-12-01", to: "2030-12-01", startTime: "13:00", reason })).toEqual(err({ type: "MALFORMED_TIME", field: "endTime" }));
    expect(validateClosure({ from: "2030-12-01", to: "2030-12-01", startTime: "13:00", endTime: "12:00", reason })).toEqual(err({ type: "INVALID_RANGE", field: "endTime" }));
  });
});
