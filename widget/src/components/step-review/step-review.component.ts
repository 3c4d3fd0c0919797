import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import { CONFIRM_BOOKING, request } from "../../lib/api.ts";
import { proofOfWork } from "../../lib/proof-of-work.ts";
import { formatSlot } from "../../lib/dates.ts";
import { signal } from "../../lib/events.ts";
import { connectionFailed } from "../../lib/messages.ts";
import { getLocale } from "../../lib/localization.ts";
import type { ApiError, Confirmation, Contact, Hold, Selection, Slot, Tenant } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { stepReviewStyles } from "./step-review.styles.ts";

const CONTACT_FIELDS = ["name", "email", "phone", "consent"];

/** Unique documents of the chosen services, in order. */
export function documentsOf(services: { documents: string[] }[]): string[] {
  return [...new Set(services.flatMap((s) => s.documents))];
}

/**
 * Step 4: everything chosen, the reservation's remaining time, and the binding "book" button.
 *
 * @fires tv-booked - The booking is confirmed (`detail.confirmation`).
 */
export class TerminvergabeStepReview extends WidgetElement {
  static override styles = [shared, stepReviewStyles];
  static override properties = {
    tenant: { attribute: false },
    selection: { attribute: false },
    time: { attribute: false },
    hold: { attribute: false },
    contact: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

  declare tenant: Tenant;
  declare selection: Selection;
  declare time: Slot;
  declare hold: Hold | undefined;
  declare contact: Contact & { consent: boolean };
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.busy = false;
    this.error = "";
  }


  async #confirm(): Promise<void> {
    const api = this.api.value;
    const hold = this.hold;
    if (!api || this.busy) return;
    if (!hold) {
      signal(this, "tv-hold-expired");
      return;
    }
    this.busy = true;
    this.error = "";
    try {
      const { confirmBooking } = await request<{ confirmBooking: Confirmation | ApiError }>(
        api.client,
        CONFIRM_BOOKING,
        {
          input: {
            holdId: hold.id,
            token: hold.token,
            contact: { name: this.contact.name, email: this.contact.email, phone: this.contact.phone || null },
            consent: this.contact.consent,
            locale: getLocale(),
            proofOfWork: await proofOfWork(api, this.tenant.slug),
          },
        },
        { mutation: true },
      );
      const result = confirmBooking as (Confirmation | ApiError) & { __typename: string };
      switch (result.__typename) {
        case "BookingConfirmation":
          signal(this, "tv-booked", { confirmation: result });
          return;
        case "HoldExpired":
          signal(this, "tv-hold-expired");
          return;
        case "SlotUnavailable":
          signal(this, "tv-slot-taken", { message: (result as ApiError).message });
          return;
      }
      const failure = result as ApiError;
      const field = failure.field?.split(".").pop();
      if (field && CONTACT_FIELDS.includes(field)) {
        signal(this, "tv-contact-rejected", { field, message: failure.message });
        return;
      }
      this.error = failure.message;
      signal(this, "tv-announce", { message: failure.message, assertive: true });
    } catch {
      this.error = connectionFailed();
      signal(this, "tv-announce", { message: this.error, assertive: true });
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    const locale = getLocale();
    const { office, items } = this.selection;
    const zone = office.timeZone || this.tenant.timeZone;
    const services = items.map((item) => ({ item, service: this.tenant.services.find((s) => s.id === item.serviceId)! }));
    const documents = documentsOf(services.map((s) => s.service).filter(Boolean));
    return html`<section part="step" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${msg("Angaben prüfen und Termin buchen")}</h2>
      ${this.hold ? html`<terminvergabe-hold-timer exportparts="button" .hold=${this.hold} .timeZone=${zone}></terminvergabe-hold-timer>` : nothing}
      <dl>
        <dt>${msg("Anliegen")}</dt>
        <dd>
          <ul class="services">
            ${services.map(({ item, service }) => html`<li>${item.quantity > 1 ? `${item.quantity} × ` : ""}${service?.name}</li>`)}
          </ul>
        </dd>
        <dt>${msg("Termin")}</dt>
        <dd>${msg(str`${formatSlot(this.time.start, this.time.end, locale, zone)} Uhr`)}</dd>
        <dt>${msg("Ort")}</dt>
        <dd>${office.name}<br />${office.address.street}, ${office.address.postalCode} ${office.address.city}</dd>
        <dt>${msg("Name")}</dt>
        <dd>${this.contact.name}</dd>
        <dt>${msg("E-Mail")}</dt>
        <dd>${this.contact.email}</dd>
        ${this.contact.phone ? html`<dt>${msg("Telefon")}</dt><dd>${this.contact.phone}</dd>` : nothing}
      </dl>
      ${documents.length
        ? html`<h3>${msg("Bitte bringen Sie mit")}</h3>
            <ul>${documents.map((d) => html`<li>${d}</li>`)}</ul>`
        : nothing}
      ${Date.parse(this.time.start) - Date.now() < (this.tenant.cancellationCutoffMinutes ?? 0) * 60_000
        ? html`<p class="notice">${msg("Dieser Termin liegt so kurz bevor, dass Sie ihn nach dem Buchen online nicht mehr verschieben oder absagen können.")}</p>`
        : nothing}
      ${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}
      <p>${msg("Mit „Verbindlich buchen“ wird der Termin für Sie gebucht.")}</p>
      <div class="actions">
        <button type="button" part="button" @click=${() => signal(this, "tv-back")}>${msg("Zurück")}</button>
        <button type="button" class="primary" part="button button-primary" aria-disabled=${this.busy ? "true" : nothing} @click=${this.#confirm}>
          ${msg("Verbindlich buchen")}
        </button>
      </div>
    </section>`;
  }
}
