import { msg, str } from "@lit/localize";
import { css, html, nothing, type PropertyDeclarations } from "lit";
import { define } from "../../lib/define.ts";
import { DeskView } from "../lib/desk-view.ts";
import { CREATE_COUNTER, OFFICES, UPDATE_COUNTER, UPDATE_OFFICE } from "../lib/documents.ts";
import { getLocale } from "../lib/localization.ts";
import { isError } from "../lib/types.ts";

interface Text {
  de: string;
  en: string;
}
interface Office {
  id: string;
  slug: string;
  name: Text;
  street: string;
  postalCode: string;
  city: string;
  timeZone: string;
  phoneHours: Text | null;
}
export interface Counter {
  id: string;
  officeId: string;
  name: string;
  active: boolean;
  serviceIds: string[];
}
interface Concern {
  id: string;
  active: boolean;
  name: Text;
}
type Answer<T> = { __typename: string; code?: string; message?: string; field?: string | null; bookings?: number } & Partial<T>;

/**
 * Asks the desk to open the mass cancellation for one counter (the way to clear a counter
 * that cannot be deactivated while bookings lie ahead).
 */
export type OpenMassCancellationEvent = CustomEvent<{ counterId: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    "open-mass-cancellation": OpenMassCancellationEvent;
    /** An office or counter was saved: what the desk shows of the agency is read anew. */
    "configuration-changed": CustomEvent<undefined>;
  }
}

/**
 * Admins: the office chosen in the header (names German and English, address, phone hours;
 * the time zone is shown, not edited) and its counters — name, active or not, and the
 * concerns each serves. A counter with bookings ahead cannot be deactivated: the refusal says
 * how many and offers the mass cancellation of that counter.
 *
 * @fires open-mass-cancellation - the admin wants to cancel a counter's bookings ahead.
 * @fires configuration-changed - an office or counter was saved.
 */
export class DeskOffices extends DeskView {
  static override styles = [
    ...DeskView.styles,
    css`
      fieldset {
        border: 1px solid var(--_tv-border-strong);
        border-radius: var(--_tv-radius);
        margin: 0 0 1em;
        padding: 0.5em 1em;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25em;
      }
      fieldset label.check {
        display: flex;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    offices: { state: true },
    counters: { state: true },
    concerns: { state: true },
    editing: { state: true },
    error: { state: true },
    problem: { state: true },
    blocked: { state: true },
    announcement: { state: true },
  };

  declare offices: Office[] | undefined;
  declare counters: Counter[];
  declare concerns: Concern[];
  /** The counter in the form; "" for a new one, undefined for none. */
  declare editing: string | undefined;
  declare error: string;
  /** The field an InputError names (marked invalid). */
  declare problem: string;
  /** The counter that could not be deactivated because of bookings ahead. */
  declare blocked: string;
  declare announcement: string;

  constructor() {
    super();
    this.counters = [];
    this.concerns = [];
    this.error = "";
    this.problem = "";
    this.blocked = "";
    this.announcement = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { tenantConfiguration: c } = await this.client.query<{ tenantConfiguration: { offices: Office[]; counters: Counter[]; concerns: Concern[] } }>(OFFICES, {
        tenant: this.tenant.slug,
      });
      this.offices = c.offices;
      this.counters = c.counters;
      this.concerns = c.concerns;
    } catch {
      this.error = msg("Standorte und Schalter konnten nicht geladen werden.");
    }
  }

  private failed(result: Answer<unknown>): boolean {
    if (!isError(result as never)) return false;
    this.error = result.message ?? "";
    this.problem = result.field?.replace(/^input\./, "") ?? "";
    this.announcement = "";
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
    return true;
  }

  private succeeded(announcement: string): void {
    this.dispatchEvent(new CustomEvent("configuration-changed", { bubbles: true, composed: true }));
    this.error = "";
    this.problem = "";
    this.blocked = "";
    this.announcement = announcement;
  }

  private async saveOffice(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const input = {
      name: { de: text("name-de"), en: text("name-en") || null },
      street: text("street"),
      postalCode: text("postal-code"),
      city: text("city"),
      phoneHours: { de: text("phone-de"), en: text("phone-en") || null },
    };
    const { updateOffice: result } = await this.client.mutate<{ updateOffice: Answer<Office> }>(UPDATE_OFFICE, { tenant: this.tenant.slug, id: this.office.id, input });
    if (this.failed(result)) return;
    const saved = result as Office;
    this.offices = this.offices?.map((o) => (o.id === saved.id ? saved : o));
    this.succeeded(msg(str`Standort gespeichert: ${saved.name.de}`));
  }

  private async editCounter(id: string | undefined): Promise<void> {
    this.editing = id;
    this.error = "";
    this.problem = "";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("#counter-name")?.focus();
  }

  private async saveCounter(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get("counter-name") ?? "").trim();
    const services = data.getAll("service").map(String);
    const active = data.get("active") === "on";
    const id = this.editing;
    const result = id
      ? (await this.client.mutate<{ updateCounter: Answer<Counter> }>(UPDATE_COUNTER, { tenant: this.tenant.slug, id, input: { name, active, services } })).updateCounter
      : (await this.client.mutate<{ createCounter: Answer<Counter> }>(CREATE_COUNTER, { tenant: this.tenant.slug, input: { office: this.office.id, name, active, services } }))
          .createCounter;
    this.blocked = result.__typename === "CounterHasBookings" && id ? id : "";
    if (this.failed(result)) {
      if (this.blocked) this.problem = "active";
      return;
    }
    const saved = result as Counter;
    this.counters = id ? this.counters.map((c) => (c.id === saved.id ? saved : c)) : [...this.counters, saved];
    this.editing = undefined;
    this.succeeded(msg(str`Schalter gespeichert: ${saved.name}`));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-counter="${saved.id}"]`)?.focus();
  }

  private openMassCancellation(counterId: string): void {
    this.dispatchEvent(new CustomEvent("open-mass-cancellation", { detail: { counterId }, bubbles: true, composed: true }));
  }

  private concernName(concern: Concern): string {
    return getLocale() === "en" ? concern.name.en || concern.name.de : concern.name.de;
  }

  private invalid(field: string) {
    return this.problem === field ? "true" : "false";
  }

  private officeForm(o: Office) {
    return html`<form @submit=${this.saveOffice} aria-labelledby="office-heading">
      <h3 id="office-heading">${msg("Standort")}</h3>
      <div class="row">
        <label>${msg("Name (Deutsch)")}<input name="name-de" required maxlength="200" .value=${o.name.de} aria-invalid=${this.invalid("name.de")} /></label>
        <label>${msg("Name (Englisch)")}<input name="name-en" lang="en" maxlength="200" .value=${o.name.en} aria-invalid=${this.invalid("name.en")} /></label>
      </div>
      <div class="row">
        <label>${msg("Straße und Hausnummer")}<input name="street" required maxlength="200" autocomplete="off" .value=${o.street} aria-invalid=${this.invalid("street")} /></label>
        <label>${msg("Postleitzahl")}<input name="postal-code" required maxlength="20" autocomplete="off" .value=${o.postalCode} aria-invalid=${this.invalid("postalCode")} /></label>
        <label>${msg("Ort")}<input name="city" required maxlength="200" autocomplete="off" .value=${o.city} aria-invalid=${this.invalid("city")} /></label>
      </div>
      <div class="row">
        <label>${msg("Telefonzeiten (Deutsch)")}<input name="phone-de" maxlength="500" .value=${o.phoneHours?.de ?? ""} aria-invalid=${this.invalid("phoneHours.de")} /></label>
        <label>${msg("Telefonzeiten (Englisch)")}<input name="phone-en" lang="en" maxlength="500" .value=${o.phoneHours?.en ?? ""} aria-invalid=${this.invalid("phoneHours.en")} /></label>
      </div>
      <p>${msg("Zeitzone")}: <strong>${o.timeZone}</strong></p>
      <p><button class="primary" type="submit">${msg("Standort speichern")}</button></p>
    </form>`;
  }

  private counterRow(c: Counter) {
    const names = this.concerns.filter((s) => c.serviceIds.includes(s.id)).map((s) => this.concernName(s));
    return html`<tr>
      <td>${c.name}</td>
      <td>${c.active ? msg("aktiv") : msg("inaktiv")}</td>
      <td>${names.length ? names.join(", ") : msg("keine")}</td>
      <td><button class="small" data-counter=${c.id} aria-label=${msg(str`Schalter ${c.name} bearbeiten`)} @click=${() => this.editCounter(c.id)}>${msg("Bearbeiten")}</button></td>
    </tr>`;
  }

  private counterForm() {
    const c = this.counters.find((x) => x.id === this.editing);
    return html`<form @submit=${this.saveCounter} aria-labelledby="counter-form-heading">
      <h3 id="counter-form-heading">${c ? msg(str`Schalter bearbeiten: ${c.name}`) : msg("Neuer Schalter")}</h3>
      <div class="row">
        <label>${msg("Name des Schalters")}<input id="counter-name" name="counter-name" required maxlength="100" .value=${c?.name ?? ""} aria-invalid=${this.invalid("name")} /></label>
        <label class="check"><input type="checkbox" name="active" .checked=${c?.active ?? true} aria-invalid=${this.invalid("active")} /> ${msg("Aktiv (bietet Termine an)")}</label>
      </div>
      <fieldset>
        <legend>${msg("Anliegen, die dieser Schalter bearbeitet")}</legend>
        ${this.concerns.map(
          (s) => html`<label class="check"><input type="checkbox" name="service" value=${s.id} .checked=${c?.serviceIds.includes(s.id) ?? false} />
            ${this.concernName(s)}${s.active ? nothing : html` (${msg("nicht angeboten")})`}</label>`,
        )}
      </fieldset>
      <div class="row">
        <button class="primary" type="submit">${msg("Schalter speichern")}</button>
        <button type="button" @click=${() => this.editCounter(undefined)}>${msg("Abbrechen")}</button>
      </div>
    </form>`;
  }

  override render() {
    if (!this.office) return nothing;
    const office = this.offices?.find((o) => o.id === this.office.id);
    const counters = this.counters.filter((c) => c.officeId === this.office.id);
    return html`
      <h2 tabindex="-1">${msg("Standorte und Schalter")} – ${this.office.name}</h2>
      <div role="alert">
        ${this.error
          ? html`<div class="notice error"><p>${this.error}</p>
              ${this.blocked
                ? html`<p><button @click=${() => this.openMassCancellation(this.blocked)}>${msg("Massenabsage für diesen Schalter öffnen")}</button></p>`
                : nothing}</div>`
          : nothing}
      </div>
      <div role="status" class="vh">${this.announcement}</div>
      ${office ? this.officeForm(office) : html`<p>${msg("Wird geladen …")}</p>`}
      <section aria-labelledby="counters-heading">
        <h3 id="counters-heading">${msg("Schalter")}</h3>
        <table>
          <caption>${msg(str`Schalter am Standort ${this.office.name}`)}</caption>
          <thead><tr><th scope="col">${msg("Name")}</th><th scope="col">${msg("Status")}</th><th scope="col">${msg("Anliegen")}</th><th scope="col">${msg("Aktionen")}</th></tr></thead>
          <tbody>${counters.map((c) => this.counterRow(c))}</tbody>
        </table>
        ${this.editing === undefined ? html`<p><button @click=${() => this.editCounter("")}>${msg("Schalter hinzufügen")}</button></p>` : this.counterForm()}
      </section>
    `;
  }
}

define("tv-desk-offices", DeskOffices);
