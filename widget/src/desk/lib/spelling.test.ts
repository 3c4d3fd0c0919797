import { describe, expect, it } from "vitest";
import { spellReference } from "./spelling.ts";

describe("spellReference", () => {
  it("spells letters with DIN 5009 city names and digits as words, skipping the dash", () => {
    expect(spellReference("K7QF-M2XA", "de")).toEqual([
      "K wie Köln", "sieben", "Q wie Quickborn", "F wie Frankfurt", "M wie München", "zwo", "X wie Xanten", "A wie Aachen",
    ]);
  });
  it("spells with the ICAO alphabet in English", () => {
    expect(spellReference("k2", "en")).toEqual(["K as in Kilo", "two"]);
  });
});
