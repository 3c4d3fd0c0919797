import { css } from "lit";

export const manageStyles = css`
  .status {
    font-weight: 700;
  }
  .confirm {
    border-left-color: var(--_tv-error);
  }
`;
