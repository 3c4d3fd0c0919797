import { html, nothing, type PropertyDeclarations } from "lit";
import { DeskView } from "./desk-view.ts";

/**
 * A desk view that lists something and edits it: loads when it connects, shows what went
 * wrong (role=alert) and says what was saved (role=status, visually hidden).
 */
export abstract class DeskEditView extends DeskView {
  static override properties: PropertyDeclarations = { error: { state: true }, announcement: { state: true } };

  declare error: string;
  declare announcement: string;

  constructor() {
    super();
    this.error = "";
    this.announcement = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reads what the view lists. */
  protected abstract load(): Promise<void>;

  /** The error and the announcement regions. */
  protected feedback() {
    return html`<div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      <div role="status" class="vh">${this.announcement}</div>`;
  }
}
