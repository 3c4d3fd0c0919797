import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import { dateOf, formatCountdown, formatDate, formatTime } from "../../lib/dates.ts";
import { signal } from "../../lib/events.ts";
import { getLocale } from "../../lib/localization.ts";
import { connectionFailed } from "../../lib/messages.ts";
import type { WaitingRoom, WaitingRoomTicket } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { waitingRoomStyles } from "./waiting-room.styles.ts";

/** "08:00:37": admission times are spread over seconds. */
const withSeconds = (instant: string, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }).format(new Date(instant));

/**
 * The waiting room of an announced release, as the wizard decides it (lib/waiting-room.ts):
 * before it opens a notice of the release; inside it the release and admission time (once
 * the lots are drawn at the release) and a countdown; once the release is sold out, that
 * and the next release if announced. The countdown is a `timer` (not live): state changes are announced by the
 * wizard's live region, not every second.
 *
 * @fires tv-room-due - `at` has come (once per value of `at`).
 * @csspart step - The waiting room's container.
 * @csspart heading - Its heading.
 */
export class TerminvergabeWaitingRoom extends WidgetElement {
  static override styles = [shared, waitingRoomStyles];
  static override properties = {
    room: { attribute: false },
    ticket: { attribute: false },
    at: { attribute: false },
    timeZone: { attribute: false },
    failed: { attribute: false },
    now: { state: true },
  };

  declare room: WaitingRoom;
  declare ticket: WaitingRoomTicket | undefined;
  /** When the room opens (upcoming) or the citizen is admitted (epoch ms). */
  declare at: number;
  declare timeZone: string;
  /** Entering failed; the wizard tries again at `at`. */
  declare failed: boolean;
  declare now: number;
  #interval?: ReturnType<typeof setInterval>;
  #dueFor = 0;

  constructor() {
    super();
    this.now = Date.now();
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#interval = setInterval(() => this.#tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#interval);
  }

  #tick(): void {
    this.now = Date.now();
    if (this.at && this.now >= this.at && this.#dueFor !== this.at) {
      this.#dueFor = this.at;
      signal(this, "tv-room-due", undefined, true);
    }
  }

  protected override render() {
    const locale = getLocale();
    const time = (instant: string) => formatTime(instant, locale, this.timeZone);
    const release = this.room.releaseAt;
    if (this.room.soldOut) {
      const next = this.room.nextReleaseAt;
      return html`<section class="notice" part="step" aria-labelledby="heading">
        <h2 id="heading" part="heading" tabindex="-1">${msg("Alle Termine dieser Freigabe sind vergeben")}</h2>
        <p>${next ? msg(str`Die nächste Freigabe: ${formatDate(dateOf(next, this.timeZone), locale)} um ${time(next)} Uhr.`) : msg("Eine weitere Freigabe ist noch nicht angekündigt.")}</p>
      </section>`;
    }
    if (this.room.phase === "UPCOMING" && !this.ticket) {
      return html`<p class="notice" part="step">
        ${msg(str`Die Termine werden am ${formatDate(dateOf(release, this.timeZone), locale)} um ${time(release)} Uhr freigegeben; der Warteraum öffnet um ${time(this.room.opensAt)} Uhr.`)}
      </p>`;
    }
    return html`<section class="notice" part="step" aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${msg("Warteraum")}</h2>
      <p>${msg(str`Die Termine werden um ${time(release)} Uhr freigegeben.`)}</p>
      ${this.ticket
        ? html`<p>
              ${msg("Sie sind im Warteraum. Die Reihenfolge wird ausgelost – wann Sie gekommen sind, spielt keine Rolle.")}
              ${this.ticket.admitAtFinal === false
                ? msg("Ihre Einlasszeit steht mit der Freigabe fest.")
                : msg(str`Ihre Einlasszeit: ${withSeconds(this.ticket.admitAt, locale, this.timeZone)} Uhr.`)}
            </p>
            <p role="timer">${msg("Noch")} <strong>${formatCountdown((Date.parse(this.ticket.admitAtFinal === false ? release : this.ticket.admitAt) - this.now) / 1000)}</strong> ${msg("Minuten")}</p>`
        : html`<p>${msg("Sie betreten den Warteraum …")}</p>`}
      ${this.failed ? html`<p class="error">${connectionFailed()}</p>` : nothing}
    </section>`;
  }
}
