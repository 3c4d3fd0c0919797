import { css } from "lit";

export const stepConcernsStyles = css`
  .service {
    padding: 0.75rem 0;
    border-top: 1px solid var(--_tv-border);
  }
  .service:first-of-type {
    border-top: 0;
    padding-top: 0.25rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
  }
  .choice label {
    font-weight: 600;
  }
  .service .details {
    margin-left: 1.75rem;
  }
  .quantity {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  .quantity select {
    width: auto;
    min-width: 5rem;
  }
  details {
    margin-top: 0.25rem;
  }
  summary {
    cursor: pointer;
    color: var(--_tv-link);
    text-decoration: underline;
    min-height: 2.75rem;
    display: flex;
    align-items: center;
  }
  summary:focus-visible {
    outline: 3px solid var(--_tv-focus);
  }
  .office {
    display: flex;
    align-items: flex-start;
    margin-bottom: 0.5rem;
  }
  .total {
    font-weight: 600;
  }
`;
