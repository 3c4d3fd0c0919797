import { css } from "lit";

export const stepConcernsStyles = css`
  .service {
    padding: 0.75em 0;
    border-top: 1px solid var(--_tv-border);
  }
  .service:first-of-type {
    border-top: 0;
    padding-top: 0.25em;
  }
  .choice {
    display: flex;
    align-items: flex-start;
  }
  .choice label {
    font-weight: 600;
  }
  .service .details {
    margin-left: 1.75em;
  }
  .quantity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin: 0.5em 0;
  }
  .quantity select {
    width: auto;
    min-width: 5em;
  }
  details {
    margin-top: 0.25em;
  }
  summary {
    cursor: pointer;
    color: var(--_tv-link);
    text-decoration: underline;
    min-height: 2.75em;
    display: flex;
    align-items: center;
  }
  summary:focus-visible {
    outline: 3px solid var(--_tv-focus);
  }
  .office {
    display: flex;
    align-items: flex-start;
    margin-bottom: 0.5em;
  }
  .total {
    font-weight: 600;
  }
`;
