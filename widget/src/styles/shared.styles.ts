import { css } from "lit";

/**
 * Base styles every part of the widget shares. Colours come from private tokens
 * (`--_tv-*`) that `<terminvergabe-booking>` resolves once from the public `--tv-*`
 * custom properties, the tenant's theme and the defaults (booking.styles.ts).
 */
export const shared = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    font-size: 1.25em;
    line-height: 1.3;
    margin: 0 0 0.75em;
    color: var(--_tv-text);
  }
  h3 {
    font-size: 1.05em;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 3px solid var(--_tv-focus);
    outline-offset: 2px;
  }
  p {
    margin: 0 0 0.75em;
  }
  a {
    color: var(--_tv-link);
    text-decoration: underline;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  button,
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.75em;
    min-width: 2.75em;
    padding: 0.5em 1em;
    border: 2px solid var(--_tv-primary);
    border-radius: var(--_tv-radius);
    background: var(--_tv-surface);
    color: var(--_tv-primary);
    font-weight: 600;
    cursor: pointer;
    text-decoration: none;
    line-height: 1.2;
  }
  button.primary,
  .button.primary {
    background: var(--_tv-primary);
    color: var(--_tv-on-primary);
  }
  button:hover {
    text-decoration: underline;
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 3px solid var(--_tv-focus);
    outline-offset: 2px;
  }
  input[type="checkbox"],
  input[type="radio"] {
    width: 1.25em;
    height: 1.25em;
    margin: 0.15em 0.5em 0 0;
    flex: none;
    accent-color: var(--_tv-primary);
  }
  input:not([type="checkbox"]):not([type="radio"]),
  select {
    display: block;
    width: 100%;
    max-width: 28em;
    min-height: 2.75em;
    padding: 0.4em 0.6em;
    border: 1px solid var(--_tv-border-strong);
    border-radius: var(--_tv-radius);
    background: var(--_tv-surface);
  }
  input[aria-invalid="true"] {
    border: 2px solid var(--_tv-error);
  }
  fieldset {
    border: 1px solid var(--_tv-border);
    border-radius: var(--_tv-radius);
    margin: 0 0 1em;
    padding: 0.75em 1em 1em;
    min-width: 0;
  }
  legend {
    font-weight: 700;
    padding: 0 0.25em;
  }
  ul {
    margin: 0 0 0.75em;
    padding-left: 1.25em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    justify-content: space-between;
    margin-top: 1.25em;
  }
  .actions > :only-child {
    margin-left: auto;
  }
  .error {
    color: var(--_tv-error);
    font-weight: 600;
  }
  .notice {
    border-left: 4px solid var(--_tv-primary);
    background: var(--_tv-muted);
    padding: 0.75em 1em;
    margin: 0 0 1em;
    border-radius: var(--_tv-radius);
  }
  .notice.error {
    border-left-color: var(--_tv-error);
  }
  .hint {
    color: var(--_tv-text-muted);
    font-size: 0.9em;
  }
  .vh {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(7em, max-content) 1fr;
    gap: 0.35em 1em;
    margin: 0 0 1em;
  }
  dt {
    font-weight: 700;
  }
  dd {
    margin: 0;
  }
  @media (max-width: 30em) {
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-bottom: 0.5em;
    }
  }
`;
