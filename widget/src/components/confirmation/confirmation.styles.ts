import { css } from "lit";

export const confirmationStyles = css`
  .reference {
    font-size: 1.2em;
  }
  .reference strong {
    font-family: ui-monospace, monospace;
    letter-spacing: 0.05em;
  }
  .checklist {
    list-style: none;
    padding: 0;
  }
  .checklist li {
    display: flex;
    align-items: flex-start;
    margin-bottom: 0.35em;
  }
  .success {
    border-left-color: var(--_tv-available-border);
  }
`;
