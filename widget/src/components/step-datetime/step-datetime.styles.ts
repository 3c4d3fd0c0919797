import { css } from "lit";

export const stepDatetimeStyles = css`
  .layout {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18em), 1fr));
    gap: 1.5em;
    align-items: start;
  }
  .times {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .time {
    position: relative;
  }
  .time input {
    position: absolute;
    opacity: 0;
    width: 100%;
    height: 100%;
    margin: 0;
    inset: 0;
    cursor: pointer;
  }
  .time label {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 4.5em;
    min-height: 2.75em;
    padding: 0.25em 0.75em;
    border: 2px solid var(--_tv-available-border);
    border-radius: var(--_tv-radius);
    background: var(--_tv-available);
    color: var(--_tv-available-text);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .time input:checked + label {
    background: var(--_tv-primary);
    border-color: var(--_tv-text);
    color: var(--_tv-on-primary);
  }
  .time input:focus-visible + label {
    outline: 3px solid var(--_tv-focus);
    outline-offset: 2px;
  }
  .alternatives {
    list-style: none;
    padding: 0;
  }
  fieldset.slots {
    border: 0;
    padding: 0;
    margin: 0;
  }
  fieldset.slots legend {
    padding: 0;
    margin-bottom: 0.5em;
  }
`;
