import { css } from "lit";

export const datePickerStyles = css`
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    margin-bottom: 0.5em;
  }
  .header h3 {
    margin: 0;
    text-align: center;
    flex: 1;
  }
  .header button {
    padding: 0.25em 0.5em;
  }
  .header button[aria-disabled="true"] {
    opacity: 0.45;
    cursor: not-allowed;
  }
  table {
    width: 100%;
    table-layout: fixed;
    border-collapse: separate;
    border-spacing: 2px;
  }
  th {
    font-size: 0.85em;
    font-weight: 600;
    padding: 0.25em 0;
    text-align: center;
  }
  td {
    height: 2.75em;
    padding: 0;
    text-align: center;
    vertical-align: middle;
    border-radius: var(--_tv-radius);
    font-variant-numeric: tabular-nums;
    border: 2px solid transparent;
  }
  .day {
    cursor: pointer;
    background: var(--_tv-closed);
    color: var(--_tv-closed-text);
  }
  .CLOSED {
    background: var(--_tv-closed);
    border-color: var(--_tv-closed-text);
  }
  .AVAILABLE {
    background: var(--_tv-available);
    color: var(--_tv-available-text);
    border-color: var(--_tv-available-border);
    font-weight: 700;
  }
  .FULL {
    background: var(--_tv-full);
    color: var(--_tv-full-text);
    text-decoration: line-through;
  }
  .WALK_IN_ONLY {
    background: var(--_tv-walk-in);
    color: var(--_tv-walk-in-text);
    border: 2px dashed var(--_tv-walk-in-text);
  }
  td[aria-disabled="true"] {
    cursor: default;
  }
  td[aria-current="date"] span[aria-hidden] {
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  td[aria-selected="true"] {
    background: var(--_tv-primary);
    color: var(--_tv-on-primary);
    border-color: var(--_tv-text);
    text-decoration: none;
  }
  td:focus-visible {
    outline: 3px solid var(--_tv-focus);
    outline-offset: 1px;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    list-style: none;
    padding: 0;
    margin: 0.5em 0 0;
    font-size: 0.9em;
  }
  .legend span {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-right: 0.35em;
    vertical-align: -0.15em;
    border-radius: 2px;
    border: 2px solid transparent;
  }
  .loading {
    opacity: 0.6;
  }
`;
