import { css } from "lit";

export const stepReviewStyles = css`
  .services {
    margin: 0;
    padding-left: 1.25em;
  }
`;
