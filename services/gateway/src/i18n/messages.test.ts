import { describe, expect, it } from "vitest";
import { type MessageKey, messages, t } from "./messages.ts";

describe("counted messages (issue 11.4)", () => {
  it("given one open appointment, says it in the singular; given two, in the plural", () => {
    expect(t("TOO_MANY_ACTIVE_BOOKINGS", "de", { max: 1 })).toMatch(/^Sie haben bereits 1 offenen Termin\./);
    expect(t("TOO_MANY_ACTIVE_BOOKINGS", "en", { max: 1 })).toMatch(/^You already have 1 open appointment\./);
    expect(t("TOO_MANY_ACTIVE_BOOKINGS", "de", { max: 2 })).toMatch(/^Sie haben bereits 2 offene Termine\./);
    expect(t("TOO_MANY_ACTIVE_BOOKINGS", "en", { max: 2 })).toMatch(/^You already have 2 open appointments\./);
    expect(t("RANGE_TOO_LONG", "en", { max: 1 })).toBe("The date range is too long: at most 1 day.");
    expect(t("LOGIN_THROTTLED", "de", { minutes: 1 })).toBe("Zu viele Anmeldeversuche. Bitte versuchen Sie es in 1 Minute erneut.");
  });

  it("no message of the catalogue puts the number 1 before a plural noun", () => {
    const plurals = /\b1 (Termine|Tage|Minuten|Sekunden|Stunden|Uhrzeiten|Plätze|appointments|days|minutes|seconds|hours|times|characters|places)\b/;
    for (const key of Object.keys(messages) as MessageKey[]) {
      for (const locale of ["de", "en"] as const) {
        const params = new Proxy({}, { has: () => true, get: () => 1 }) as Record<string, number>;
        expect(t(key, locale, params), `${key} (${locale})`).not.toMatch(plurals);
      }
    }
  });
});
