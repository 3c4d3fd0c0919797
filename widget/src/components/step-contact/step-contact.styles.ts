import { css } from "lit";

export const stepContactStyles = css`
  .field {
    margin-bottom: 1em;
  }
  .field label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  .optional {
    font-weight: 400;
    color: var(--_tv-text-muted);
  }
  .field .error,
  .consent .error {
    margin: 0.25em 0 0;
  }
  .consent {
    display: flex;
    align-items: flex-start;
  }
`;
