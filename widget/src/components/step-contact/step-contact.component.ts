import { msg } from "@lit/localize";
import { html, nothing } from "lit";
import { fieldsToCorrect } from "../../lib/counted-texts.ts";
import { CONTACT_CHECK, request, SEND_MANAGE_LINKS } from "../../lib/api.ts";
import { signal } from "../../lib/events.ts";
import { getLocale } from "../../lib/localization.ts";
import type { Contact, Hold, Tenant } from "../../lib/types.ts";
import { type ContactField, type ContactProblem, type ContactProblems, validateContact } from "../../lib/validation.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { stepContactStyles } from "./step-contact.styles.ts";

type Value = Contact & { consent: boolean };
const FIELDS: ContactField[] = ["name", "email", "phone", "consent"];

/**
 * Step 3: name, e-mail, phone (required per tenant) and consent to the privacy notice,
 * validated inline on leaving a field and on submit. The per-person limits are asked when
 * e-mail or phone are left and on submit: a person they would refuse sees why (the rule, never
 * the other booking) and may have the blocking bookings' manage links mailed to their owners.
 *
 * @fires tv-contact - Valid contact data (`detail.contact`).
 * @csspart input - The text inputs.
 */
export class TerminvergabeStepContact extends WidgetElement {
  static override styles = [shared, stepContactStyles];
  static override properties = {
    tenant: { attribute: false },
    hold: { attribute: false },
    value: { attribute: false },
    serverErrors: { attribute: false },
    services: { attribute: false },
    touched: { state: true },
  };

  declare tenant: Tenant;
  declare hold: Hold | undefined;
  declare value: Value | undefined;
  /** Messages the server sent for fields (by field name), shown until the field changes. */
  declare serverErrors: Record<string, string>;
  declare touched: Set<ContactField>;
  /** The chosen concerns (service ids): what the per-person limits are asked about. */
  declare services: string[];
  #data: Value = { name: "", email: "", phone: "", consent: false };
  /** The limits refuse these contact data: why, whether manage links can be mailed, and the answer once asked. */
  #block?: { message: string; manageLinks: boolean; sent?: string } | undefined;

  constructor() {
    super();
    this.serverErrors = {};
    this.touched = new Set();
  }

  /** What is typed so far (kept by the wizard when the citizen goes back). */
  get draft(): Value {
    return this.#data;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.value) this.#data = { ...this.value };
    // Server errors refer to fields already filled in: show them at once.
    const serverFields = Object.keys(this.serverErrors).map((f) => f.split(".").pop() as ContactField);
    this.touched = new Set(serverFields);
  }


  get #problems(): ContactProblems {
    return validateContact(this.#data, { phoneRequired: this.tenant.phoneRequired });
  }

  #message(field: ContactField, problem: ContactProblem | undefined): string | undefined {
    const server = Object.entries(this.serverErrors).find(([f]) => f.split(".").pop() === field)?.[1];
    if (server) return server;
    if (!problem || !this.touched.has(field)) return undefined;
    switch (field) {
      case "name":
        return problem === "too-long" ? msg("Der Name ist zu lang (höchstens 200 Zeichen).") : msg("Bitte geben Sie Ihren Namen ein.");
      case "email":
        return problem === "required"
          ? msg("Bitte geben Sie Ihre E-Mail-Adresse ein.")
          : msg("Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.");
      case "phone":
        return problem === "required"
          ? msg("Bitte geben Sie Ihre Telefonnummer ein.")
          : msg("Bitte geben Sie eine gültige Telefonnummer ein, zum Beispiel 0301234567.");
      case "consent":
        return msg("Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu, damit wir den Termin buchen können.");
    }
  }

  #input(field: keyof Contact, value: string): void {
    this.#data = { ...this.#data, [field]: value };
    // Other contact data may not be blocked: asked again on leaving the field or on Weiter.
    if (field !== "name") this.#block = undefined;
    this.#dropServerError(field);
    this.requestUpdate();
  }

  #dropServerError(field: ContactField): void {
    const key = Object.keys(this.serverErrors).find((f) => f.split(".").pop() === field);
    if (key) {
      const { [key]: _, ...rest } = this.serverErrors;
      this.serverErrors = rest;
    }
  }

  #touch(field: ContactField): void {
    this.touched = new Set([...this.touched, field]);
  }

  #variables() {
    const { email, phone } = this.#data;
    const problems = this.#problems;
    return { input: { tenant: this.tenant.slug, services: this.services ?? [], email: problems.email ? null : email.trim(), phone: problems.phone ? null : phone.trim() || null } };
  }

  /** Asks the gateway whether the limits refuse these contact data; true when they do. A failed check lets the citizen on (confirming checks again). */
  async #check(focus: boolean): Promise<boolean> {
    const api = this.api.value;
    const input = this.#variables().input;
    if (!api || !(input.email || input.phone)) return false;
    const data = await request(api.client, CONTACT_CHECK, { input }).catch(() => undefined);
    const answer = data?.contactCheck;
    this.#block = answer?.__typename === "ContactCheck" && answer.blocked ? { message: answer.message ?? "", manageLinks: answer.manageLinks } : undefined;
    this.requestUpdate();
    if (this.#block && focus) this.#focusBlock();
    return !!this.#block;
  }

  #focusBlock(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("#blocked")?.focus());
  }

  async #send(): Promise<void> {
    const api = this.api.value;
    if (!api || !this.#block) return;
    const data = await request(api.client, SEND_MANAGE_LINKS, this.#variables(), { mutation: true }).catch(() => undefined);
    const answer = data?.sendManageLinks;
    if (answer?.__typename === "ManageLinksRequested") this.#block = { ...this.#block, sent: answer.message };
    this.requestUpdate();
    this.#focusBlock();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    this.touched = new Set(FIELDS);
    const problems = this.#problems;
    const count = Object.keys(problems).length + Object.keys(this.serverErrors).length;
    if (count) {
      signal(this, "tv-announce", {
        message: fieldsToCorrect(getLocale(), count),
        assertive: true,
      });
      void this.updateComplete.then(() => (this.renderRoot.querySelector("[aria-invalid=true]") as HTMLElement | null)?.focus());
      return;
    }
    if (await this.#check(true)) return;
    const { name, email, phone, consent } = this.#data;
    signal(this, "tv-contact", { contact: { name: name.trim(), email: email.trim(), phone: phone.trim(), consent } });
  }

  #field(field: keyof Contact, label: string, type: string, autocomplete: string, required: boolean) {
    const error = this.#message(field, this.#problems[field]);
    return html`<div class="field">
      <label for=${field}>${label} ${required ? nothing : html`<span class="optional">${msg("(freiwillig)")}</span>`}</label>
      <input id=${field} name=${field} type=${type} autocomplete=${autocomplete} part="input" .value=${this.#data[field]}
        ?required=${required} aria-required=${required ? "true" : "false"} aria-invalid=${error ? "true" : "false"}
        aria-describedby=${error ? `${field}-error` : nothing} spellcheck="false"
        @input=${(e: Event) => this.#input(field, (e.target as HTMLInputElement).value)} @blur=${() => {
          this.#touch(field);
          if (field !== "name" && !this.#problems[field]) void this.#check(false);
        }} />
      ${error ? html`<p class="error" id="${field}-error">${error}</p>` : nothing}
    </div>`;
  }

  protected override render() {
    const consentError = this.#message("consent", this.#problems.consent);
    const zone = this.tenant.timeZone;
    return html`<section part="step" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${msg("Kontaktdaten angeben")}</h2>
      ${this.hold ? html`<terminvergabe-hold-timer exportparts="button" .hold=${this.hold} .timeZone=${zone}></terminvergabe-hold-timer>` : nothing}
      <p>${msg("An diese Adresse senden wir die Terminbestätigung. Pflichtangaben sind gekennzeichnet, freiwillige als „freiwillig“.")}</p>
      <form novalidate @submit=${this.#submit}>
        ${this.#field("name", msg("Vor- und Nachname"), "text", "name", true)}
        ${this.#field("email", msg("E-Mail-Adresse"), "email", "email", true)}
        ${this.#field("phone", msg("Telefonnummer"), "tel", "tel", this.tenant.phoneRequired)}
        <div class="consent">
          <input type="checkbox" id="consent" .checked=${this.#data.consent} aria-invalid=${consentError ? "true" : "false"}
            aria-describedby=${consentError ? "consent-error" : nothing}
            @change=${(e: Event) => {
              this.#data = { ...this.#data, consent: (e.target as HTMLInputElement).checked };
              this.#touch("consent");
            }} />
          <label for="consent">${msg("Ich bin damit einverstanden, dass meine Angaben zur Vergabe und Durchführung des Termins verarbeitet werden.")}</label>
        </div>
        ${consentError ? html`<p class="error" id="consent-error">${consentError}</p>` : nothing}
        ${this.tenant.privacyUrl
          ? html`<p><a href=${this.tenant.privacyUrl} target="_blank" rel="noopener">${msg("Datenschutzhinweise lesen (öffnet ein neues Fenster)")}</a></p>`
          : nothing}
        ${this.#block
          ? html`<div id="blocked" class="notice error" role="alert" tabindex="-1">
              <p>${this.#block.message}</p>
              ${this.#block.sent
                ? html`<p>${this.#block.sent}</p>`
                : this.#block.manageLinks
                  ? html`<button type="button" part="button" @click=${this.#send}>${msg("Verwaltungslink per E-Mail senden")}</button>`
                  : nothing}
            </div>`
          : nothing}
        <div class="actions">
          <button type="button" part="button" @click=${() => signal(this, "tv-back")}>${msg("Zurück")}</button>
          <button type="submit" class="primary" part="button button-primary">${msg("Weiter")}</button>
        </div>
      </form>
    </section>`;
  }
}
