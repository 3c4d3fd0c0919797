import { describe, expect, it } from "vitest";
import {
  type ConcernInput,
  type OfficeInput,
  type OpeningRuleInput,
  validateAllowedOrigins,
  validateConcernInput,
  validateCounterInput,
  validateLegalLinks,
  validateOfficeInput,
  validateOpeningRuleInput,
  validateTheme,
} from "./configuration.ts";

const office: OfficeInput = {
  slug: "rathaus",
  name: { de: "Rathaus" },
  street: "Markt 1",
  postalCode: "14467",
  city: "Potsdam",
  timeZone: "Europe/Berlin",
  holidayRegion: "BB",
};

const concern: ConcernInput = {
  slug: "personalausweis",
  name: { de: "Personalausweis beantragen", en: "Apply for an ID card" },
  category: { de: "Ausweise" },
  durationMinutes: 15,
  additionalUnitMinutes: 10,
  maxQuantity: 4,
  documents: [{ de: "Passbild", en: "Photo" }],
  leikaKey: "99010004000000",
  onlineBookable: true,
  active: true,
};

const rule: OpeningRuleInput = { kind: "APPOINTMENT", rrule: "FREQ=WEEKLY;BYDAY=MO,TU", startTime: "08:00", endTime: "12:00", validFrom: "2030-01-01" };

describe("validateOfficeInput", () => {
  it("given a complete office, when checked, then it is normalized (English falls back to German, no phone hours)", () => {
    const result = validateOfficeInput({ ...office, slug: " Rathaus " });
    expect(result).toEqual({ ok: true, value: { ...office, slug: "rathaus", name: { de: "Rathaus", en: "Rathaus" }, phoneHours: null, position: 0 } });
  });

  it.each([
    [{ slug: "Rat haus!" }, { type: "MALFORMED_SLUG", field: "slug" }],
    [{ name: { de: "  " } }, { type: "REQUIRED", field: "name.de" }],
    [{ timeZone: "Europe/Nowhere" }, { type: "INVALID_TIME_ZONE", field: "timeZone" }],
    [{ holidayRegion: "XX" }, { type: "UNKNOWN_HOLIDAY_REGION", field: "holidayRegion" }],
    [{ city: "x".repeat(201) }, { type: "TOO_LONG", field: "city", max: 200 }],
  ])("given %j, when checked, then the field is named", (change, error) => {
    expect(validateOfficeInput({ ...office, ...change })).toEqual({ ok: false, error });
  });
});

describe("validateCounterInput", () => {
  it("given repeated concerns, when checked, then each is kept once", () => {
    expect(validateCounterInput({ name: " Schalter 1 ", active: true, serviceIds: ["a", "b", "a"] })).toEqual({ ok: true, value: { name: "Schalter 1", active: true, serviceIds: ["a", "b"] } });
  });
  it("given no name, when checked, then the name is required", () => {
    expect(validateCounterInput({ name: "", active: true, serviceIds: [] })).toEqual({ ok: false, error: { type: "REQUIRED", field: "name" } });
  });
});

describe("validateConcernInput", () => {
  it("given a staff-only concern with documents and a LeiKa key, when checked, then it is kept with texts in both languages", () => {
    const result = validateConcernInput({ ...concern, onlineBookable: false });
    expect(result.ok && result.value).toMatchObject({ onlineBookable: false, category: { de: "Ausweise", en: "Ausweise" }, documents: [{ de: "Passbild", en: "Photo" }], leikaKey: "99010004000000" });
  });

  it.each([
    [{ durationMinutes: 0 }, { type: "OUT_OF_RANGE", field: "durationMinutes", min: 1, max: 480 }],
    [{ additionalUnitMinutes: -5 }, { type: "OUT_OF_RANGE", field: "additionalUnitMinutes", min: 0, max: 480 }],
    [{ maxQuantity: 21 }, { type: "OUT_OF_RANGE", field: "maxQuantity", min: 1, max: 20 }],
    [{ leikaKey: "99-01" }, { type: "MALFORMED_LEIKA_KEY", field: "leikaKey" }],
    [{ documents: [{ de: "" }] }, { type: "REQUIRED", field: "documents.0.de" }],
    [{ hints: Array.from({ length: 31 }, () => ({ de: "x" })) }, { type: "TOO_MANY", field: "hints", max: 30 }],
  ])("given %j, when checked, then it is refused naming the field", (change, error) => {
    expect(validateConcernInput({ ...concern, ...change })).toEqual({ ok: false, error });
  });
});

describe("validateOpeningRuleInput", () => {
  it("given a weekly rule, when checked, then it is kept (for every counter, open-ended)", () => {
    expect(validateOpeningRuleInput(rule)).toEqual({ ok: true, value: { ...rule, validUntil: null, counterId: null, note: null } });
  });

  it("given the second and fourth Saturday, when checked, then the engine's recurrence accepts it", () => {
    expect(validateOpeningRuleInput({ ...rule, rrule: "RRULE:FREQ=MONTHLY;BYDAY=2SA,4SA" }).ok).toBe(true);
  });

  it.each([["FREQ=SOMETIMES"], ["FREQ=WEEKLY;BYDAY=XY"], ["FREQ=DAILY;BYHOUR=8"], ["DTSTART:20300101T000000Z\nFREQ=DAILY"]])(
    "given the RRULE %j that does not parse, when checked, then the error names the field rrule",
    (rrule) => {
      const result = validateOpeningRuleInput({ ...rule, rrule });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatchObject({ type: "INVALID_RRULE", field: "rrule" });
    },
  );

  it.each([
    [{ startTime: "8:00" }, { type: "MALFORMED_TIME", field: "startTime" }],
    [{ endTime: "07:00" }, { type: "INVALID_RANGE", field: "endTime" }],
    [{ validFrom: "2030-02-30" }, { type: "MALFORMED_DATE", field: "validFrom" }],
    [{ validUntil: "2029-12-31" }, { type: "INVALID_RANGE", field: "validUntil" }],
  ])("given %j, when checked, then it is refused naming the field", (change, error) => {
    expect(validateOpeningRuleInput({ ...rule, ...change })).toEqual({ ok: false, error });
  });
});

describe("embedding, theme and legal links", () => {
  it("given origins with a trailing slash and duplicates, when checked, then canonical origins remain", () => {
    expect(validateAllowedOrigins(["https://www.potsdam.de/", "https://www.potsdam.de", "http://localhost:4001"])).toEqual({
      ok: true,
      value: ["https://www.potsdam.de", "http://localhost:4001"],
    });
  });

  it.each([["https://*.potsdam.de"], ["https://www.potsdam.de/termine"], ["http://www.potsdam.de"], ["potsdam.de"]])("refuses the origin %j", (origin) => {
    expect(validateAllowedOrigins([origin])).toMatchObject({ ok: false, error: { type: "MALFORMED_ORIGIN", field: "origins" } });
  });

  it("accepts plain CSS values and refuses anything that could escape the declaration", () => {
    expect(validateTheme({ "--tv-color-primary": " #00695c ", "--tv-radius": "6px" })).toEqual({ ok: true, value: { "--tv-color-primary": "#00695c", "--tv-radius": "6px" } });
    expect(validateTheme({ "--tv-color-primary": "red; background: url(x)" })).toMatchObject({ ok: false, error: { type: "MALFORMED_THEME", name: "--tv-color-primary" } });
    expect(validateTheme({ color: "red" })).toMatchObject({ ok: false, error: { type: "MALFORMED_THEME", name: "color" } });
  });

  it("takes https legal links, removes empty ones and refuses others", () => {
    expect(validateLegalLinks({ imprintUrl: "https://www.potsdam.de/impressum", privacyUrl: "" })).toEqual({
      ok: true,
      value: { imprintUrl: "https://www.potsdam.de/impressum", privacyUrl: null },
    });
    expect(validateLegalLinks({ imprintUrl: "javascript:alert(1)" })).toEqual({ ok: false, error: { type: "MALFORMED_URL", field: "imprintUrl" } });
  });
});
