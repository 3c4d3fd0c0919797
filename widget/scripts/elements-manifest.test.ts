import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { elements, elementsManifest, README_FILE, readmeSection, renderElementsMarkdown } from "./elements-manifest.ts";

describe("custom elements manifest", () => {
  const manifest = elementsManifest();
  const byTag = (tag: string) => elements(manifest).find((e) => e.tagName === tag)!;

  it("describes <terminvergabe-booking>: its attributes, events, parts and theme variables", () => {
    const booking = byTag("terminvergabe-booking");
    expect(booking.attributes?.map((a) => a.name)).toEqual(["tenant", "office", "lang", "api", "mode", "reference", "token"]);
    expect(booking.events?.map((e) => e.name)).toEqual([
      "terminvergabe-ready",
      "terminvergabe-step-change",
      "terminvergabe-booked",
      "terminvergabe-booking-changed",
    ]);
    expect(booking.cssParts?.map((p) => p.name)).toEqual(expect.arrayContaining(["base", "button-primary", "calendar", "day", "time"]));
    expect(booking.cssProperties?.map((p) => p.name)).toEqual(expect.arrayContaining(["--tv-color-primary", "--tv-radius"]));
    // Lit's internal state is no API.
    expect(booking.members?.map((m) => m.name)).not.toContain("step");
    expect(booking.attributes?.every((a) => a.description)).toBe(true);
  });

  it("describes <terminvergabe-portal>", () => {
    const portal = byTag("terminvergabe-portal");
    expect(portal.attributes?.map((a) => a.name)).toEqual(["tenant", "lang", "api", "mode"]);
    expect(portal.cssParts?.map((p) => p.name)).toEqual(["heading", "button", "button-primary", "input"]);
  });

  it("README's element reference is rendered from it (run `npm run docs:elements -w @terminvergabe/widget`)", () => {
    expect(readmeSection(readFileSync(README_FILE, "utf8"))).toBe(renderElementsMarkdown(manifest));
  });
});
