import { ContextConsumer } from "@lit/context";
import { updateWhenLocaleChanges } from "@lit/localize";
import { LitElement } from "lit";
import { apiContext } from "./context.ts";

/** Base of the wizard's inner elements: localized, connected to the gateway, focusable heading. */
export class WidgetElement extends LitElement {
  /** The gateway connection provided by `<terminvergabe-booking>`. */
  protected readonly api = new ContextConsumer(this, { context: apiContext, subscribe: true });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Moves focus to the heading (when this element becomes the current step). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("[aria-invalid=true], h2")?.focus();
  }
}
