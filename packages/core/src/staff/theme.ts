import { err, ok, type Result } from "../shared/result.ts";

/**
 * The agency's theme: the widget's `--tv-*` custom properties that an admin edits in the
 * desk, their accepted forms and the contrast rule (WCAG 2.2, 1.4.3 Contrast (Minimum)).
 * No imports beyond the result type: the desk bundles this file for its live preview.
 */

/** The tokens the theme editor offers. */
export const THEME_TOKENS = Object.freeze({
  primary: "--tv-color-primary",
  onPrimary: "--tv-color-on-primary",
  text: "--tv-color-text",
  background: "--tv-color-surface",
  fontFamily: "--tv-font-family",
  radius: "--tv-radius",
} as const);

/** The widget's defaults where the agency sets nothing (widget/src/components/booking/booking.styles.ts). */
export const THEME_DEFAULTS = Object.freeze({
  [THEME_TOKENS.primary]: "#0b57a4",
  [THEME_TOKENS.onPrimary]: "#ffffff",
  [THEME_TOKENS.text]: "#1a1a1a",
  [THEME_TOKENS.background]: "#ffffff",
} as Record<string, string>);

/**
 * Fonts an agency may choose: stacks every system has some member of, written without
 * quotes (no value may carry one). Without a choice the widget uses the host page's font.
 */
export const THEME_FONTS: readonly string[] = Object.freeze([
  "system-ui, sans-serif",
  "Arial, Helvetica, sans-serif",
  "Verdana, Geneva, sans-serif",
  "Tahoma, Verdana, sans-serif",
  "Trebuchet MS, Helvetica, sans-serif",
  "Georgia, serif",
  "Times New Roman, Times, serif",
  "ui-monospace, monospace",
]);

/** Corner radius in whole pixels. */
export const THEME_RADIUS_MAX_PX = 24;

/** WCAG 1.4.3: normal text needs at least 4.5:1 against its background. */
export const MIN_TEXT_CONTRAST = 4.5;

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const RADIUS = /^(\d{1,2})px$/;

export const isHexColor = (value: string): boolean => HEX_COLOR.test(value);

/**
 * The form a theme token's value must have, checked by name: colours `#rrggbb`, the font
 * one of {@link THEME_FONTS}, the radius 0–24px. Other tokens: null (the generic check of
 * plain CSS values applies). Returns the normalized value, or false when malformed.
 */
export function normalizeThemeValue(name: string, value: string): string | false | null {
  if (name.startsWith("--tv-color-")) return isHexColor(value) ? value.toLowerCase() : false;
  if (name === THEME_TOKENS.fontFamily) return THEME_FONTS.includes(value) ? value : false;
  if (name === THEME_TOKENS.radius) {
    const px = RADIUS.exec(value);
    return px && Number(px[1]) <= THEME_RADIUS_MAX_PX ? `${Number(px[1])}px` : false;
  }
  return null;
}

function channel(hex: string, offset: number): number {
  const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of an sRGB `#rrggbb` colour (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
  if (!isHexColor(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** The contrast ratio of two `#rrggbb` colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The text/background pairs the rule checks. */
export type ThemeContrastPair = "TEXT_ON_PRIMARY" | "TEXT_ON_BACKGROUND";

export interface ThemeContrastFailure {
  readonly type: "LOW_CONTRAST";
  readonly pair: ThemeContrastPair;
  readonly foreground: string;
  readonly background: string;
  /** Rounded down to two decimals, so a shown 4.49 never reads as passing. */
  readonly ratio: number;
  readonly minimum: number;
}

export interface ThemeContrast {
  readonly pair: ThemeContrastPair;
  readonly foreground: string;
  readonly background: string;
  readonly ratio: number;
  readonly passes: boolean;
}

const PAIRS: readonly [ThemeContrastPair, string, string][] = [
  ["TEXT_ON_PRIMARY", THEME_TOKENS.onPrimary, THEME_TOKENS.primary],
  ["TEXT_ON_BACKGROUND", THEME_TOKENS.text, THEME_TOKENS.background],
];

/**
 * Both pairs' contrast for a theme as the widget shows it (unset colours take the widget's
 * defaults). Colours must be `#rrggbb` (see {@link normalizeThemeValue}).
 */
export function themeContrasts(theme: Readonly<Record<string, string>>): ThemeContrast[] {
  const colour = (name: string) => theme[name] ?? THEME_DEFAULTS[name]!;
  return PAIRS.map(([pair, fg, bg]) => {
    const exact = contrastRatio(colour(fg), colour(bg));
    return { pair, foreground: colour(fg), background: colour(bg), ratio: Math.floor(exact * 100) / 100, passes: exact >= MIN_TEXT_CONTRAST };
  });
}

/** The theme, or the first pair whose text would be too faint to read. */
export function checkThemeContrast<T extends Readonly<Record<string, string>>>(theme: T): Result<T, ThemeContrastFailure> {
  const failing = themeContrasts(theme).find((c) => !c.passes);
  if (!failing) return ok(theme);
  const { pair, foreground, background, ratio } = failing;
  return err({ type: "LOW_CONTRAST", pair, foreground, background, ratio, minimum: MIN_TEXT_CONTRAST });
}
