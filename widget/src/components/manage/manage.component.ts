import { msg, str } from "@lit/localize";
import { Task } from "@lit/task";
import { html, nothing } from "lit";
import { BOOKING_QUERY, CANCEL_BOOKING, request, RESCHEDULE_BOOKING, VERIFY_BOOKING } from "../../lib/api.ts";
import { formatSlot } from "../../lib/dates.ts";
import { emit, signal } from "../../lib/events.ts";
import { connectionFailed } from "../../lib/messages.ts";
import { getLocale } from "../../lib/localization.ts";
import type { ApiError, Booking, Office, Selection, Slot, Tenant } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { bookingDetails, icsHref } from "../confirmation/confirmation.component.ts";
import { manageStyles } from "./manage.styles.ts";

class BookingNotFound extends Error {}
type View = "details" | "confirm-cancel" | "reschedule";

/**
 * The manage view behind the link in the confirmation mail: shows the booking and lets the
 * citizen cancel it or move it to another time.
 *
 * @fires terminvergabe-booking-changed - The booking was cancelled or moved.
 */
export class TerminvergabeManage extends WidgetElement {
  static override styles = [shared, manageStyles];
  static override properties = {
    tenant: { attribute: false },
    reference: { attribute: false },
    token: { attribute: false },
    action: { attribute: false },
    view: { state: true },
    busy: { state: true },
    error: { state: true },
    done: { state: true },
    booking: { state: true },
  };

  declare tenant: Tenant;
  declare reference: string;
  declare token: string;
  /** `verify` when opened from the double opt-in link: confirms the booking first. */
  declare action: string;
  declare view: View;
  declare busy: boolean;
  declare error: string;
  /** What just happened, shown as a success notice. */
  declare done: string;
  /** The booking after a change; the loaded one until then. */
  declare booking: Booking | undefined;

  readonly #bookingTask = new Task(this, {
    args: () => [this.api.value, this.reference, this.token, this.action] as const,
    task: async ([api, reference, token, action], { signal: abort }) => {
      const vars = { tenant: this.tenant.slug, reference, token };
      let booking: Booking | ApiError | null;
      if (action === "verify") {
        booking = (await request<{ verifyBooking: Booking | ApiError }>(api!.client, VERIFY_BOOKING, { input: vars }, { signal: abort, mutation: true })).verifyBooking;
        if (booking.__typename === "Booking") this.done = msg("Vielen Dank! Ihre E-Mail-Adresse ist bestätigt und Ihr Termin verbindlich gebucht.");
        else if (booking.__typename !== "NotFound") throw new Error((booking as ApiError).message);
        else booking = null;
      } else {
        booking = (await request<{ booking: Booking | null }>(api!.client, BOOKING_QUERY, vars, { signal: abort })).booking;
      }
      if (!booking) throw new BookingNotFound();
      this.booking = booking as Booking;
      return this.booking;
    },
  });

  constructor() {
    super();
    this.view = "details";
    this.busy = false;
    this.error = "";
    this.done = "";
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    const step = this.renderRoot.querySelector("terminvergabe-step-datetime");
    if (step) return step.focusHeading();
    return super.focusHeading();
  }

  #show(view: View): void {
    this.view = view;
    this.error = "";
    void this.focusHeading();
  }

  #selection(booking: Booking): Selection {
    const office: Office = this.tenant.offices.find((o) => o.id === booking.office.id) ?? {
      ...booking.office,
      slug: booking.office.id,
      phoneHours: null,
      services: [],
    };
    return { office, items: booking.services.flatMap((s) => (s.service ? [{ serviceId: s.service.id, quantity: s.quantity }] : [])) };
  }

  async #change(kind: "cancel" | "reschedule", slot?: Slot): Promise<void> {
    const api = this.api.value;
    if (!api || this.busy) return;
    this.busy = true;
    this.error = "";
    try {
      const input = { tenant: this.tenant.slug, reference: this.reference, token: this.token, ...(slot ? { start: slot.start } : {}) };
      const data = await request<Record<string, Booking | ApiError>>(
        api.client,
        kind === "cancel" ? CANCEL_BOOKING : RESCHEDULE_BOOKING,
        { input },
        { mutation: true },
      );
      const result = Object.values(data)[0] as (Booking | ApiError) & { __typename: string };
      if (result.__typename !== "Booking") {
        this.error = (result as ApiError).message;
        signal(this, "tv-announce", { message: this.error, assertive: true });
        return;
      }
      const booking = result as Booking;
      this.booking = booking;
      this.done =
        kind === "cancel"
          ? msg("Ihr Termin wurde abgesagt. Sie erhalten eine Bestätigung per E-Mail.")
          : msg(str`Ihr Termin wurde verschoben auf ${formatSlot(booking.start, booking.end, getLocale(), booking.office.timeZone)} Uhr.`);
      emit(this, "terminvergabe-booking-changed", { reference: booking.reference, status: booking.status, start: booking.start });
      this.#show("details");
    } catch {
      this.error = connectionFailed();
    } finally {
      this.busy = false;
    }
  }

  #renderBooking(booking: Booking) {
    const locale = getLocale();
    const cancelled = booking.status === "CANCELLED";
    const pending = booking.status === "PENDING_VERIFICATION";
    const ics = icsHref(booking, this.api.value?.base);
    if (this.view === "reschedule") {
      return html`${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
        <terminvergabe-step-datetime exportparts="step, heading, button, button-primary, calendar, day, time"
          .tenant=${this.tenant} .selection=${this.#selection(booking)} .mode=${"reschedule"}
          @tv-time=${(e: CustomEvent) => {
            e.stopPropagation();
            void this.#change("reschedule", e.detail.slot);
          }}
          @tv-back=${(e: Event) => {
            e.stopPropagation();
            this.#show("details");
          }}></terminvergabe-step-datetime>`;
    }
    return html`<section part="step" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${msg("Ihr Termin")}</h2>
      ${this.done ? html`<p class="notice" role="status">${this.done}</p>` : nothing}
      <p class="status">
        ${cancelled ? msg("Status: abgesagt") : pending ? msg("Status: E-Mail-Adresse noch nicht bestätigt") : msg("Status: gebucht")}
      </p>
      ${bookingDetails(booking, locale, this.tenant.timeZone)}
      ${ics && !cancelled && !pending ? html`<p><a class="button" part="button" href=${ics} download>${msg("Termin in den Kalender übernehmen (.ics)")}</a></p>` : nothing}
      ${this.error ? html`<p class="notice error" role="alert">${this.error}</p>` : nothing}
      ${!booking.changeable
        ? cancelled
          ? html`<div class="actions">
              <button type="button" class="primary" part="button button-primary" @click=${() => signal(this, "tv-restart")}>${msg("Neuen Termin buchen")}</button>
            </div>`
          : html`<p class="hint">${msg("Dieser Termin kann online nicht mehr geändert werden. Bitte wenden Sie sich telefonisch an uns.")}</p>`
        : this.view === "confirm-cancel"
          ? html`<div class="notice confirm">
              <p>${msg("Möchten Sie diesen Termin wirklich absagen? Das lässt sich nicht rückgängig machen.")}</p>
              <div class="actions">
                <button type="button" part="button" @click=${() => this.#show("details")}>${msg("Nein, Termin behalten")}</button>
                <button type="button" class="primary" part="button button-primary" aria-disabled=${this.busy ? "true" : nothing}
                  @click=${() => this.#change("cancel")}>${msg("Ja, Termin absagen")}</button>
              </div>
            </div>`
          : html`<div class="actions">
              <button type="button" part="button" @click=${() => this.#show("confirm-cancel")}>${msg("Termin absagen")}</button>
              <button type="button" class="primary" part="button button-primary" @click=${() => this.#show("reschedule")}>
                ${msg("Termin verschieben")}
              </button>
            </div>`}
    </section>`;
  }

  protected override render() {
    return this.#bookingTask.render({
      pending: () => html`<p role="status">${msg("Ihr Termin wird geladen …")}</p>`,
      error: (error) => html`<section part="step" aria-labelledby="heading">
        <h2 id="heading" part="heading" tabindex="-1">${msg("Ihr Termin")}</h2>
        <p class="notice error">
          ${error instanceof BookingNotFound
            ? msg("Zu diesem Link haben wir keinen Termin gefunden. Bitte prüfen Sie, ob Sie den Link vollständig geöffnet haben.")
            : msg("Der Termin kann gerade nicht geladen werden. Bitte versuchen Sie es später noch einmal.")}
        </p>
      </section>`,
      complete: () => this.#renderBooking(this.booking!),
    });
  }
}
