/**
 * Registers a custom element unless the name is taken, so two snippets on one page (or the
 * ES and the IIFE build together) do not throw "already been defined".
 */
export function define(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
