import { css } from "lit";

export const holdTimerStyles = css`
  .timer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em 1em;
  }
  .timer p {
    margin: 0;
  }
  .urgent {
    border-left-color: var(--_tv-error);
  }
  strong {
    font-variant-numeric: tabular-nums;
  }
`;
