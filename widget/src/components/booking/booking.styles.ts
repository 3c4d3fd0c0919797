import { css } from "lit";

/**
 * Public theming API: every `--tv-*` property below may be set by the host page (on the
 * element or any ancestor) and wins over the tenant's theme, which wins over the default.
 * The tenant's theme arrives as `--tv-tenant-*` (see booking.component.ts).
 */
export const bookingStyles = css`
  :host {
    /* The host page's font and size are inherited; everything else is ours. */
    display: block !important;
    box-sizing: border-box;
    max-width: var(--tv-max-width, 48em);
    line-height: 1.5;
    text-align: start;
  }
  /* Tokens live on .base because the tenant's theme is set there (booking.component.ts). */
  .base {
    position: relative;
    /* The agency's font when it chose one (desk theme editor), else the host page's. */
    font-family: var(--tv-font-family, var(--tv-tenant-font-family, inherit));
    color: var(--_tv-text);
    background: var(--_tv-surface);

    --_tv-primary: var(--tv-color-primary, var(--tv-tenant-color-primary, #0b57a4));
    --_tv-on-primary: var(--tv-color-on-primary, var(--tv-tenant-color-on-primary, #ffffff));
    --_tv-focus: var(--tv-color-focus, var(--tv-tenant-color-focus, #1a1a1a));
    --_tv-link: var(--tv-color-link, var(--_tv-primary));
    --_tv-text: var(--tv-color-text, var(--tv-tenant-color-text, #1a1a1a));
    --_tv-text-muted: var(--tv-color-text-muted, #4d4d4d);
    --_tv-surface: var(--tv-color-surface, var(--tv-tenant-color-surface, #ffffff));
    --_tv-muted: var(--tv-color-muted, #f3f4f6);
    --_tv-border: var(--tv-color-border, #c4c7cc);
    --_tv-border-strong: var(--tv-color-border-strong, #6b6f76);
    --_tv-error: var(--tv-color-error, #b3261e);
    --_tv-available: var(--tv-color-available, #e1f3e6);
    --_tv-available-text: var(--tv-color-available-text, #0d4d22);
    --_tv-available-border: var(--tv-color-available-border, #1e7b3c);
    --_tv-full: var(--tv-color-full, #fce6e6);
    --_tv-full-text: var(--tv-color-full-text, #8a1c17);
    --_tv-closed: var(--tv-color-closed, #eeeeee);
    --_tv-closed-text: var(--tv-color-closed-text, #575757);
    --_tv-walk-in: var(--tv-color-walk-in, #e6eefa);
    --_tv-walk-in-text: var(--tv-color-walk-in-text, #1d3f73);
    --_tv-radius: var(--tv-radius, var(--tv-tenant-radius, 4px));
  }
  :host([hidden]) {
    display: none !important;
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    list-style: none;
    margin: 0 0 1.25em;
    padding: 0 0 0.5em;
    border-bottom: 1px solid var(--_tv-border);
    font-size: 0.9em;
    color: var(--_tv-text-muted);
  }
  .steps li[aria-current="step"] {
    color: var(--_tv-text);
    font-weight: 700;
    text-decoration: underline;
    text-decoration-thickness: 3px;
    text-decoration-color: var(--_tv-primary);
    text-underline-offset: 0.4em;
  }
  .steps .done::before {
    content: "✓ ";
  }
  .overload {
    position: sticky;
    bottom: 0;
    background: var(--_tv-surface);
  }
  .overload .notice {
    margin: 1em 0 0;
  }
`;
