/**
 * URL of the script that loaded the widget, captured while it is evaluated: an ES module
 * knows its own `import.meta.url`; a classic (IIFE) script only has `document.currentScript`
 * during its first run. The gateway's GraphQL endpoint and the locale modules are resolved
 * against it, never against the host page.
 */
export const scriptUrl: string =
  (typeof document !== "undefined" && (document.currentScript as HTMLScriptElement | null)?.src) || import.meta.url;

/** The GraphQL endpoint next to the script (`https://gateway/widget.js` → `https://gateway/graphql`). */
export const defaultEndpoint = (): string => new URL("graphql", scriptUrl).href;
