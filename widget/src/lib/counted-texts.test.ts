import { configureLocalization } from "@lit/localize";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { expectedDuration, fieldsToCorrect, freeAppointments, freeTimesOnDay, offerDaysLeft } from "./counted-texts.ts";
import { plural } from "./plural.ts";

describe("plural", () => {
  const forms = { one: "one", other: "other" };
  it.each([
    ["de", 1, "one"],
    ["de", 0, "other"],
    ["de", 2, "other"],
    ["de", 21, "other"],
    ["en", 1, "one"],
    ["en", 0, "other"],
    ["en", 1.5, "other"],
  ])("given %s and %d, picks the %s form", (locale, count, form) => {
    expect(plural(locale, count, forms)).toBe(form);
  });

  it("falls back to other where a language has a category without a form (Polish few)", () => {
    expect(plural("pl", 3, forms)).toBe("other");
    expect(plural("pl", 3, { ...forms, few: "few" })).toBe("few");
  });
});

describe("counted texts", () => {
  let setLocale: (locale: string) => Promise<void>;
  beforeAll(() => {
    // @lit/localize announces locale changes on window; the unit tests run in Node.
    vi.stubGlobal("window", new EventTarget());
    ({ setLocale } = configureLocalization({
      sourceLocale: "de",
      targetLocales: ["en"],
      loadLocale: (locale) => import(`../generated/locales/${locale}.js`),
    }));
  });

  it("German: singular for one, plural otherwise", async () => {
    await setLocale("de");
    expect(freeAppointments("de", 1)).toBe("1 freier Termin");
    expect(freeAppointments("de", 0)).toBe("0 freie Termine");
    expect(freeAppointments("de", 3)).toBe("3 freie Termine");
    expect(freeTimesOnDay("de", 1, "Mo., 7. Dez.")).toBe("1 freie Uhrzeit am Mo., 7. Dez.");
    expect(freeTimesOnDay("de", 12, "Mo., 7. Dez.")).toBe("12 freie Uhrzeiten am Mo., 7. Dez.");
    expect(fieldsToCorrect("de", 1)).toBe("Bitte korrigieren Sie 1 Angabe.");
    expect(fieldsToCorrect("de", 2)).toBe("Bitte korrigieren Sie 2 Angaben.");
    expect(expectedDuration("de", 1)).toBe("Voraussichtliche Dauer: 1 Minute");
    expect(expectedDuration("de", 45)).toBe("Voraussichtliche Dauer: 45 Minuten");
    expect(offerDaysLeft("de", 1)).toBe("Noch 1 Tag.");
    expect(offerDaysLeft("de", 5)).toBe("Noch 5 Tage.");
  });

  it("English: singular for one, plural otherwise", async () => {
    await setLocale("en");
    expect(freeAppointments("en", 1)).toBe("1 free appointment");
    expect(freeAppointments("en", 0)).toBe("0 free appointments");
    expect(freeAppointments("en", 3)).toBe("3 free appointments");
    expect(freeTimesOnDay("en", 1, "Mon, Dec 7")).toBe("1 free time on Mon, Dec 7");
    expect(freeTimesOnDay("en", 12, "Mon, Dec 7")).toBe("12 free times on Mon, Dec 7");
    expect(fieldsToCorrect("en", 1)).toBe("Please correct 1 entry.");
    expect(fieldsToCorrect("en", 2)).toBe("Please correct 2 entries.");
    expect(expectedDuration("en", 1)).toBe("Expected duration: 1 minute");
    expect(expectedDuration("en", 45)).toBe("Expected duration: 45 minutes");
    expect(offerDaysLeft("en", 1)).toBe("1 day left.");
    expect(offerDaysLeft("en", 5)).toBe("5 days left.");
  });
});
