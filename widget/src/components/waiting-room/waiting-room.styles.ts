import { css } from "lit";

export const waitingRoomStyles = css`
  section p:last-child {
    margin: 0;
  }
  strong {
    font-variant-numeric: tabular-nums;
  }
`;
