import type { ThemeContrastFailure } from "@terminvergabe/core";
import { DomainError } from "./domain-errors.ts";

/**
 * A theme whose text would be too faint to read (WCAG 1.4.3): names the pair, its colours
 * and the ratio reached. The ratio comes formatted per language for the message.
 */
export class ThemeContrastTooLow extends DomainError {
  constructor(readonly failure: ThemeContrastFailure) {
    const de = (n: number) => String(n).replace(".", ",");
    super(`LOW_CONTRAST_${failure.pair}`, {
      foreground: failure.foreground,
      background: failure.background,
      ratioDe: de(failure.ratio),
      ratioEn: String(failure.ratio),
      minimumDe: de(failure.minimum),
      minimumEn: String(failure.minimum),
    });
  }
}
