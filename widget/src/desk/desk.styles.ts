import { css } from "lit";

/**
 * The desk's tokens: the widget's public `--tv-*` theme variables (booking.styles.ts) with
 * the same defaults, so an agency's theme styles both.
 */
export const deskTokens = css`
  :host {
    display: block;
    line-height: 1.5;
    --_tv-primary: var(--tv-color-primary, #0b57a4);
    --_tv-on-primary: var(--tv-color-on-primary, #ffffff);
    --_tv-focus: var(--tv-color-focus, #1a1a1a);
    --_tv-link: var(--tv-color-link, var(--_tv-primary));
    --_tv-text: var(--tv-color-text, #1a1a1a);
    --_tv-text-muted: var(--tv-color-text-muted, #4d4d4d);
    --_tv-surface: var(--tv-color-surface, #ffffff);
    --_tv-muted: var(--tv-color-muted, #f3f4f6);
    --_tv-border: var(--tv-color-border, #c4c7cc);
    --_tv-border-strong: var(--tv-color-border-strong, #6b6f76);
    --_tv-error: var(--tv-color-error, #b3261e);
    --_tv-ok: var(--tv-color-available-text, #0d4d22);
    --_tv-radius: var(--tv-radius, 4px);
    color: var(--_tv-text);
  }
`;

export const deskStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
    margin: 0 0 1.5em;
    background: var(--_tv-surface);
  }
  caption {
    text-align: start;
    font-weight: 700;
    font-size: 1.1em;
    padding: 0.25em 0;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.4em 0.5em;
    border-bottom: 1px solid var(--_tv-border);
  }
  th {
    background: var(--_tv-muted);
  }
  tr:focus-visible {
    outline: 3px solid var(--_tv-focus);
    outline-offset: -3px;
  }
  tr.status-CANCELLED td,
  tr.status-NO_SHOW td {
    color: var(--_tv-text-muted);
  }
  .badge {
    display: inline-block;
    padding: 0 0.4em;
    border: 1px solid var(--_tv-border-strong);
    border-radius: var(--_tv-radius);
    font-size: 0.85em;
    white-space: nowrap;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em 1em;
    align-items: flex-end;
    margin: 0 0 1em;
  }
  .row > label,
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    font-weight: 600;
  }
  .row input:not([type="checkbox"]):not([type="radio"]),
  .row select {
    min-width: 10em;
  }
  label.check,
  .row > label.check {
    display: inline-flex;
    flex-direction: row;
    align-items: center;
    gap: 0.25em;
    font-weight: 400;
    min-height: 2em;
  }
  .row.concern {
    margin: 0;
    align-items: center;
    min-height: 2.75em;
  }
  .row.concern label.small {
    flex-direction: row;
    align-items: center;
    gap: 0.5em;
  }
  .row.concern input[type="number"] {
    min-width: 0;
    width: 5em;
  }
  .small {
    font-size: 0.9em;
  }
  .ok {
    color: var(--_tv-ok);
    font-weight: 600;
  }
  kbd {
    font: inherit;
    font-size: 0.85em;
    padding: 0 0.3em;
    border: 1px solid var(--_tv-border-strong);
    border-radius: 3px;
    background: var(--_tv-muted);
  }
  button.small {
    min-height: 2.25em;
    min-width: 2.25em;
    padding: 0.2em 0.6em;
  }
  h2 {
    font-size: 1.4em;
  }
`;
