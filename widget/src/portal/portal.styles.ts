import { css } from "lit";

/** The portal's own layout; colours and shapes come from the widget's tokens (booking.styles.ts). */
export const portalStyles = css`
  h4 {
    font-size: 1em;
    margin: 0 0 0.5em;
  }
  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 0.75em;
    padding-bottom: 0.75em;
    margin-bottom: 1em;
    border-bottom: 1px solid var(--_tv-border);
  }
  .account span {
    margin-right: auto;
  }
  .account [aria-current] {
    background: var(--_tv-muted);
  }
  .cards {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 1em;
  }
  .badge {
    background: var(--_tv-primary);
    color: var(--_tv-on-primary);
    border-radius: var(--_tv-radius);
    padding: 0 0.4em;
    font-size: 0.9em;
  }
  button.link {
    border-color: transparent;
    background: none;
    color: var(--_tv-link);
    text-decoration: underline;
    padding-left: 0;
  }
  .card {
    border: 1px solid var(--_tv-border);
    border-radius: var(--_tv-radius);
    padding: 1em;
  }
  .field label {
    display: block;
    font-weight: 600;
  }
  .field .hint,
  .field .error {
    display: block;
  }
  .check {
    display: flex;
    align-items: flex-start;
  }
  .slot {
    font-weight: 700;
    font-size: 1.1em;
  }
  .timeline {
    list-style: none;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .timeline li {
    border: 1px solid var(--_tv-border-strong);
    border-radius: var(--_tv-radius);
    padding: 0.25em 0.6em;
    color: var(--_tv-text-muted);
  }
  .timeline .done::before {
    content: "✓ ";
  }
  .timeline .done {
    color: var(--_tv-text);
  }
  .timeline .current {
    background: var(--_tv-primary);
    border-color: var(--_tv-primary);
    color: var(--_tv-on-primary);
    font-weight: 700;
  }
  code {
    overflow-wrap: anywhere;
    word-break: break-all;
  }
  pre {
    white-space: pre-wrap;
    background: var(--_tv-muted);
    padding: 0.75em;
    border-radius: var(--_tv-radius);
  }
  .record {
    grid-template-columns: 1fr;
  }
  .record dd {
    margin-bottom: 0.5em;
  }
`;
