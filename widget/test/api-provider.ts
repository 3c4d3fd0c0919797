/**
 * Loaded into component-test pages: `<test-api-provider endpoint="…">` gives the elements
 * inside it a gateway connection through the same context `<terminvergabe-booking>` provides.
 */
import { ContextProvider } from "@lit/context";
import { createApi } from "../src/lib/api.ts";
import { apiContext } from "../src/lib/context.ts";
import { define } from "../src/lib/define.ts";

export class TestApiProvider extends HTMLElement {
  readonly #provider = new ContextProvider(this, { context: apiContext });

  static get observedAttributes(): string[] {
    return ["endpoint"];
  }

  attributeChangedCallback(_name: string, _old: string | null, endpoint: string | null): void {
    this.#provider.value?.dispose();
    this.#provider.setValue(endpoint ? createApi(endpoint, () => document.documentElement.lang || "de") : undefined);
  }
}

define("test-api-provider", TestApiProvider);
