import { describe, expect, it } from "vitest";
import { validateTheme } from "./configuration.ts";
import { checkThemeContrast, contrastRatio, MIN_TEXT_CONTRAST, normalizeThemeValue, THEME_FONTS, themeContrasts } from "./theme.ts";

describe("contrast ratio (WCAG 2.x relative luminance)", () => {
  it("given black and white, when compared, then the ratio is 21:1 either way round", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
  });

  it("given the same colour twice, then the ratio is 1:1", () => {
    expect(contrastRatio("#0b57a4", "#0B57A4")).toBe(1);
  });

  it("given known pairs, then the ratios match the published values", () => {
    // #767676 on white is the classic lightest grey that passes (4.54:1).
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffff00", "#ffffff")).toBeCloseTo(1.07, 2);
  });
});

describe("the theme's contrast rule (WCAG 1.4.3, at least 4.5:1)", () => {
  it("given the demo agencies' themes, when checked, then both pairs pass", () => {
    for (const primary of ["#00695c", "#9b1c31", "#4a2c82"]) {
      expect(checkThemeContrast({ "--tv-color-primary": primary, "--tv-color-on-primary": "#ffffff" }).ok).toBe(true);
    }
  });

  it("given no colours at all, when checked, then the widget's defaults pass", () => {
    expect(checkThemeContrast({})).toEqual({ ok: true, value: {} });
  });

  it("given a light primary colour with the default white text, when checked, then text on primary fails with its ratio", () => {
    expect(checkThemeContrast({ "--tv-color-primary": "#ffff00" })).toEqual({
      ok: false,
      error: { type: "LOW_CONTRAST", pair: "TEXT_ON_PRIMARY", foreground: "#ffffff", background: "#ffff00", ratio: 1.07, minimum: MIN_TEXT_CONTRAST },
    });
  });

  it("given the same light primary with dark text on it, when checked, then it passes", () => {
    expect(checkThemeContrast({ "--tv-color-primary": "#ffff00", "--tv-color-on-primary": "#1a1a1a" }).ok).toBe(true);
  });

  it("given grey text on a white background just under the line, when checked, then text on background fails, its ratio rounded down", () => {
    const result = checkThemeContrast({ "--tv-color-text": "#777777" });
    expect(result).toMatchObject({ ok: false, error: { pair: "TEXT_ON_BACKGROUND", foreground: "#777777", background: "#ffffff", ratio: 4.47 } });
  });

  it("given a grey that just reaches 4.5:1, when checked, then it passes", () => {
    expect(checkThemeContrast({ "--tv-color-text": "#767676" }).ok).toBe(true);
  });

  it("given a dark background with the default dark text, when checked, then text on background fails", () => {
    expect(checkThemeContrast({ "--tv-color-surface": "#202020" })).toMatchObject({ ok: false, error: { pair: "TEXT_ON_BACKGROUND", foreground: "#1a1a1a" } });
  });

  it("given a theme, when its contrasts are listed, then both pairs come with ratio and verdict", () => {
    expect(themeContrasts({ "--tv-color-primary": "#ffff00" })).toEqual([
      { pair: "TEXT_ON_PRIMARY", foreground: "#ffffff", background: "#ffff00", ratio: 1.07, passes: false },
      { pair: "TEXT_ON_BACKGROUND", foreground: "#1a1a1a", background: "#ffffff", ratio: 17.4, passes: true },
    ]);
  });
});

describe("theme values by token", () => {
  it("given colours, then only #rrggbb passes, in lower case", () => {
    expect(normalizeThemeValue("--tv-color-primary", "#00695C")).toBe("#00695c");
    for (const bad of ["red", "#fff", "#00695c80", "rgb(0,0,0)", "#00695g", "var(--x)"]) expect(normalizeThemeValue("--tv-color-primary", bad)).toBe(false);
  });

  it("given a font, then only one of the offered stacks passes", () => {
    for (const font of THEME_FONTS) expect(normalizeThemeValue("--tv-font-family", font)).toBe(font);
    expect(normalizeThemeValue("--tv-font-family", "Comic Sans MS")).toBe(false);
    expect(normalizeThemeValue("--tv-font-family", "Georgia, serif; color: red")).toBe(false);
  });

  it("given a radius, then whole pixels from 0 to 24 pass", () => {
    expect(normalizeThemeValue("--tv-radius", "06px")).toBe("6px");
    expect(normalizeThemeValue("--tv-radius", "0px")).toBe("0px");
    for (const bad of ["25px", "1em", "-1px", "4", "4.5px"]) expect(normalizeThemeValue("--tv-radius", bad)).toBe(false);
  });

  it("given another token, then it is left to the generic check", () => {
    expect(normalizeThemeValue("--tv-max-width", "40em")).toBeNull();
  });
});

describe("validating a theme an admin saves", () => {
  it("given editor values, when validated, then they come back normalized", () => {
    expect(validateTheme({ "--tv-color-primary": " #9B1C31 ", "--tv-font-family": "Georgia, serif", "--tv-radius": "8px" })).toEqual({
      ok: true,
      value: { "--tv-color-primary": "#9b1c31", "--tv-font-family": "Georgia, serif", "--tv-radius": "8px" },
    });
  });

  it("given a colour that is not #rrggbb, when validated, then the error names that token", () => {
    expect(validateTheme({ "--tv-color-text": "black" })).toEqual({ ok: false, error: { type: "MALFORMED_COLOR", field: "theme.--tv-color-text", name: "--tv-color-text" } });
  });

  it("given an unknown font or a radius out of range, when validated, then each is refused on its field", () => {
    expect(validateTheme({ "--tv-font-family": "Papyrus" })).toEqual({ ok: false, error: { type: "UNKNOWN_FONT", field: "theme.--tv-font-family" } });
    expect(validateTheme({ "--tv-radius": "99px" })).toEqual({ ok: false, error: { type: "OUT_OF_RANGE", field: "theme.--tv-radius", min: 0, max: 24 } });
  });
});
