import { updateWhenLocaleChanges } from "@lit/localize";
import { LitElement, type PropertyDeclarations } from "lit";
import { shared } from "../../styles/shared.styles.ts";
import { deskStyles } from "../desk.styles.ts";
import type { DeskClient } from "./client.ts";
import type { DeskOffice, DeskTenant } from "./types.ts";

/**
 * Base of the desk's views: localized, given the connection, the agency and the office the
 * clerk works at by `<terminvergabe-desk>`; `focusHeading` moves focus to the view's h2
 * when the clerk switches to it.
 */
export class DeskView extends LitElement {
  static override styles = [shared, deskStyles];
  static override properties: PropertyDeclarations = {
    client: { attribute: false },
    tenant: { attribute: false },
    office: { attribute: false },
  };

  declare client: DeskClient;
  declare tenant: DeskTenant;
  declare office: DeskOffice;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("h2")?.focus();
  }

  /** A service's name by id (the day list shows concerns by name). */
  protected serviceName(id: string): string {
    return this.tenant.services.find((s) => s.id === id)?.name ?? id;
  }
}
