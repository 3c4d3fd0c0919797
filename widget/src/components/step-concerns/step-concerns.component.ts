import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import { expectedDuration } from "../../lib/counted-texts.ts";
import { signal } from "../../lib/events.ts";
import { getLocale } from "../../lib/localization.ts";
import { byCategory, duration } from "../../lib/request.ts";
import type { Office, RequestItem, Service, Tenant } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { stepConcernsStyles } from "./step-concerns.styles.ts";

/**
 * Step 1: the office (when the tenant has several and none is fixed) and the concerns,
 * grouped by category, each with a quantity up to its maximum and what to bring.
 *
 * @csspart step - The step's container.
 * @csspart heading - The step's heading.
 */
export class TerminvergabeStepConcerns extends WidgetElement {
  static override styles = [shared, stepConcernsStyles];
  static override properties = {
    tenant: { attribute: false },
    fixedOffice: { attribute: false },
    officeId: { attribute: false },
    items: { attribute: false },
    error: { state: true },
  };

  declare tenant: Tenant;
  /** Slug or id from the element's `office` attribute. */
  declare fixedOffice: string;
  declare officeId: string | undefined;
  declare items: RequestItem[];
  declare error: boolean;

  constructor() {
    super();
    this.items = [];
    this.fixedOffice = "";
    this.error = false;
  }


  get #office(): Office | undefined {
    const offices = this.tenant.offices;
    const fixed = offices.find((o) => o.slug === this.fixedOffice || o.id === this.fixedOffice);
    return fixed ?? offices.find((o) => o.id === this.officeId) ?? (offices.length === 1 ? offices[0] : undefined);
  }

  get #services(): Service[] {
    const office = this.#office;
    if (!office) return [];
    const served = new Set(office.services.map((s) => s.id));
    return this.tenant.services.filter((s) => served.has(s.id));
  }

  #quantity(id: string): number {
    return this.items.find((i) => i.serviceId === id)?.quantity ?? 0;
  }

  #set(id: string, quantity: number): void {
    const rest = this.items.filter((i) => i.serviceId !== id);
    this.items = quantity > 0 ? [...rest, { serviceId: id, quantity }] : rest;
    // Keep the tenant's order, not the order of clicks.
    const order = this.tenant.services.map((s) => s.id);
    this.items.sort((a, b) => order.indexOf(a.serviceId) - order.indexOf(b.serviceId));
    if (this.items.length) this.error = false;
  }

  #chooseOffice(id: string): void {
    this.officeId = id;
    const served = new Set(this.#services.map((s) => s.id));
    this.items = this.items.filter((i) => served.has(i.serviceId));
  }

  #next(): void {
    const office = this.#office;
    if (!office || !this.items.length) {
      this.error = true;
      signal(this, "tv-announce", { message: this.#errorText(office), assertive: true });
      void this.updateComplete.then(() =>
        (this.renderRoot.querySelector(office ? "input[type=checkbox]" : "input[type=radio]") as HTMLElement | null)?.focus(),
      );
      return;
    }
    signal(this, "tv-concerns", { officeId: office.id, items: this.items });
  }

  #errorText(office: Office | undefined): string {
    return office ? msg("Bitte wählen Sie mindestens ein Anliegen.") : msg("Bitte wählen Sie einen Standort.");
  }

  #renderOffices() {
    const offices = this.tenant.offices;
    const fixed = offices.some((o) => o.slug === this.fixedOffice || o.id === this.fixedOffice);
    const office = this.#office;
    if (fixed || offices.length === 1) {
      return office
        ? html`<p>
            <strong>${office.name}</strong>, ${office.address.street}, ${office.address.postalCode} ${office.address.city}
          </p>`
        : nothing;
    }
    return html`<fieldset>
      <legend>${msg("Standort")}</legend>
      ${offices.map(
        (o) => html`<div class="office">
          <input type="radio" name="office" id="office-${o.id}" .checked=${o.id === office?.id}
            @change=${() => this.#chooseOffice(o.id)} aria-describedby="office-${o.id}-address" />
          <label for="office-${o.id}">
            <strong>${o.name}</strong><br />
            <span id="office-${o.id}-address" class="hint">${o.address.street}, ${o.address.postalCode} ${o.address.city}</span>
          </label>
        </div>`,
      )}
    </fieldset>`;
  }

  #renderService(service: Service) {
    const quantity = this.#quantity(service.id);
    const id = `service-${service.id}`;
    const details = service.documents.length || service.hints.length;
    return html`<div class="service">
      <div class="choice">
        <input type="checkbox" id=${id} .checked=${quantity > 0} aria-describedby="${id}-description"
          @change=${(e: Event) => this.#set(service.id, (e.target as HTMLInputElement).checked ? Math.max(1, quantity) : 0)} />
        <label for=${id}>${service.name}</label>
      </div>
      <div class="details">
        <p id="${id}-description" class="hint">${service.description}</p>
        ${quantity > 0 && service.maxQuantity > 1
          ? html`<div class="quantity">
              <label for="${id}-quantity">${msg(str`Anzahl für „${service.name}“`)}</label>
              <select id="${id}-quantity" @change=${(e: Event) => this.#set(service.id, Number((e.target as HTMLSelectElement).value))}>
                ${Array.from({ length: service.maxQuantity }, (_, i) => html`<option value=${i + 1} ?selected=${i + 1 === quantity}>${i + 1}</option>`)}
              </select>
            </div>`
          : nothing}
        ${details
          ? html`<details>
              <summary>${msg("Mitzubringende Unterlagen und Hinweise")}</summary>
              ${service.documents.length
                ? html`<h3>${msg("Bitte mitbringen")}</h3>
                    <ul>${service.documents.map((d) => html`<li>${d}</li>`)}</ul>`
                : nothing}
              ${service.hints.length
                ? html`<h3>${msg("Hinweise")}</h3>
                    <ul>${service.hints.map((h) => html`<li>${h}</li>`)}</ul>`
                : nothing}
            </details>`
          : nothing}
      </div>
    </div>`;
  }

  protected override render() {
    const office = this.#office;
    const services = this.#services;
    const minutes = duration(services, this.items);
    return html`<section part="step" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${msg("Anliegen wählen")}</h2>
      <p>${msg("Wählen Sie ein oder mehrere Anliegen. Brauchen Sie etwas mehrmals, wählen Sie die Anzahl.")}</p>
      ${this.#renderOffices()}
      ${this.error ? html`<p class="notice error" id="error">${this.#errorText(office)}</p>` : nothing}
      ${office
        ? services.length
          ? byCategory(services).map(
              ([category, list]) => html`<fieldset>
                <legend>${category}</legend>
                ${list.map((s) => this.#renderService(s))}
              </fieldset>`,
            )
          : html`<p class="notice">${msg("An diesem Standort können derzeit keine Termine online gebucht werden.")}</p>`
        : nothing}
      <p class="total" aria-live="polite">${minutes ? expectedDuration(getLocale(), minutes) : nothing}</p>
      <div class="actions">
        <button type="button" class="primary" part="button button-primary" @click=${this.#next}>${msg("Weiter")}</button>
      </div>
    </section>`;
  }
}
