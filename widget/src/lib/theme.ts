import type { Tenant } from "./types.ts";

const CSS_NAME = /^--tv-[a-z0-9-]+$/;
const CSS_VALUE = /^[^;{}<>\\]{1,200}$/;

/**
 * The tenant's theme as defaults below anything the host page sets (see booking.styles.ts).
 * Applied through CSSOM (style.setProperty), which a strict Content-Security-Policy on the
 * host page allows, unlike a `<style>` element or a style attribute string.
 */
export function themeVariables(theme: Tenant["theme"]): Record<string, string> {
  return Object.fromEntries(
    theme
      .filter((v) => CSS_NAME.test(v.name) && CSS_VALUE.test(v.value))
      .map((v) => [v.name.replace(/^--tv-/, "--tv-tenant-"), v.value]),
  );
}
