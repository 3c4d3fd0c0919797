import { configureLocalization } from "@lit/localize";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { appointments, cancelledDone, days, freeTimesFound, searchHits, wouldCancel } from "./counted-texts.ts";

describe("the desk's counted texts", () => {
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
    expect(appointments("de", 1)).toBe("1 Termin");
    expect(appointments("de", 0)).toBe("0 Termine");
    expect(freeTimesFound("de", 1)).toBe("1 freie Zeit gefunden.");
    expect(freeTimesFound("de", 4)).toBe("4 freie Zeiten gefunden.");
    expect(searchHits("de", 1)).toBe("1 Treffer");
    expect(days("de", 1)).toBe("1 Tag");
    expect(days("de", 3)).toBe("3 Tage");
    expect(wouldCancel("de", 1)).toBe("1 Termin würde abgesagt");
    expect(cancelledDone("de", 2)).toBe("Fertig: 2 Termine abgesagt, die Mails sind unterwegs.");
  });

  it("English: singular for one, plural otherwise", async () => {
    await setLocale("en");
    expect(appointments("en", 1)).toBe("1 appointment");
    expect(appointments("en", 0)).toBe("0 appointments");
    expect(freeTimesFound("en", 1)).toBe("1 free time found.");
    expect(searchHits("en", 1)).toBe("1 result");
    expect(searchHits("en", 7)).toBe("7 results");
    expect(days("en", 1)).toBe("1 day");
    expect(days("en", 3)).toBe("3 days");
    expect(wouldCancel("en", 1)).toBe("1 appointment would be cancelled");
    expect(cancelledDone("en", 1)).toBe("Done: 1 appointment cancelled, the mail is on its way.");
  });
});
