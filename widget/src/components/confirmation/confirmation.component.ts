import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import { formatSlot } from "../../lib/dates.ts";
import { signal } from "../../lib/events.ts";
import { getLocale } from "../../lib/localization.ts";
import type { Booking, Confirmation, Tenant } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { confirmationStyles } from "./confirmation.styles.ts";

/** The booking's details as a definition list; shared with the manage view. */
export function bookingDetails(booking: Booking, locale: string, fallbackZone: string) {
  const zone = booking.office.timeZone || fallbackZone;
  const address = booking.office.address;
  return html`<dl>
    <dt>${msg("Buchungsnummer")}</dt>
    <dd><strong>${booking.reference}</strong></dd>
    <dt>${msg("Termin")}</dt>
    <dd>${msg(str`${formatSlot(booking.start, booking.end, locale, zone)} Uhr`)}</dd>
    <dt>${msg("Ort")}</dt>
    <dd>${booking.office.name}<br />${address.street}, ${address.postalCode} ${address.city}</dd>
    <dt>${msg("Anliegen")}</dt>
    <dd>${booking.services.map((s) => `${s.quantity > 1 ? `${s.quantity} × ` : ""}${s.service?.name ?? ""}`).join(", ")}</dd>
  </dl>`;
}

/** Absolute .ics link: the API may answer with a path relative to the gateway. */
export const icsHref = (booking: Booking, base: string | undefined): string | undefined =>
  booking.icsUrl ? new URL(booking.icsUrl, base ?? location.href).href : undefined;

/**
 * The confirmation screen: reference, date, time and address, a checklist of documents to
 * bring, the calendar file, and whether a mail was sent or the address must be verified.
 *
 * @fires tv-restart - The citizen wants to book another appointment.
 */
export class TerminvergabeConfirmation extends WidgetElement {
  static override styles = [shared, confirmationStyles];
  static override properties = {
    tenant: { attribute: false },
    confirmation: { attribute: false },
  };

  declare tenant: Tenant;
  declare confirmation: Confirmation;

  constructor() {
    super();
  }


  protected override render() {
    const { booking, verificationRequired } = this.confirmation;
    const documents = [...new Set(booking.services.flatMap((s) => s.service?.documents ?? []))];
    const hints = [...new Set(booking.services.flatMap((s) => s.service?.hints ?? []))];
    const ics = icsHref(booking, this.api.value?.base);
    return html`<section part="step" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">
        ${verificationRequired ? msg("Bitte bestätigen Sie Ihre E-Mail-Adresse") : msg("Ihr Termin ist gebucht")}
      </h2>
      <p class="notice ${verificationRequired ? "" : "success"}">
        ${verificationRequired
          ? msg("Wir haben Ihnen eine E-Mail geschickt. Ihr Termin wird erst verbindlich, wenn Sie den Link in dieser E-Mail öffnen.")
          : msg("Wir haben Ihnen eine Bestätigung per E-Mail geschickt. Darin finden Sie einen Link, mit dem Sie den Termin verschieben oder absagen können.")}
      </p>
      ${bookingDetails(booking, getLocale(), this.tenant.timeZone)}
      ${ics && !verificationRequired ? html`<p><a class="button" part="button" href=${ics} download>${msg("Termin in den Kalender übernehmen (.ics)")}</a></p>` : nothing}
      ${documents.length
        ? html`<h3 id="checklist">${msg("Checkliste: Bitte bringen Sie mit")}</h3>
            <ul class="checklist" aria-labelledby="checklist">
              ${documents.map(
                (d, i) => html`<li><input type="checkbox" id="doc-${i}" /><label for="doc-${i}">${d}</label></li>`,
              )}
            </ul>`
        : nothing}
      ${hints.length
        ? html`<h3>${msg("Hinweise")}</h3>
            <ul>${hints.map((h) => html`<li>${h}</li>`)}</ul>`
        : nothing}
      <div class="actions">
        <button type="button" part="button" @click=${() => signal(this, "tv-restart")}>${msg("Weiteren Termin buchen")}</button>
      </div>
    </section>`;
  }
}
