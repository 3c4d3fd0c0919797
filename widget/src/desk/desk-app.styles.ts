import { css } from "lit";

/** Layout of the desk: header, navigation, main area; the sign-in page and dialog. */
export const appStyles = css`
  :host {
    min-height: 100vh;
    background: var(--_tv-muted);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    padding: 0.5em 1em;
    background: var(--_tv-surface);
    border-bottom: 1px solid var(--_tv-border);
  }
  header .agency {
    font-weight: 700;
    margin: 0 auto 0 0;
  }
  header .office {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  header select {
    width: auto;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    list-style: none;
    margin: 0;
    padding: 0.5em 1em;
    background: var(--_tv-surface);
    border-bottom: 1px solid var(--_tv-border);
  }
  nav button.current {
    background: var(--_tv-primary);
    color: var(--_tv-on-primary);
  }
  main {
    padding: 1em;
    max-width: 90em;
  }
  main.sign-in {
    max-width: 30em;
    margin: 2em auto;
    background: var(--_tv-surface);
    padding: 1.5em;
    border-radius: var(--_tv-radius);
  }
  h1 {
    font-size: 1.5em;
    margin: 0 0 1em;
  }
  .skip {
    position: absolute;
    left: -999em;
  }
  .skip:focus {
    left: 1em;
    top: 0.5em;
    z-index: 2;
    background: var(--_tv-surface);
    padding: 0.5em;
  }
  dialog {
    max-width: 30em;
    border: 2px solid var(--_tv-border-strong);
    border-radius: var(--_tv-radius);
    padding: 1.5em;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
`;
