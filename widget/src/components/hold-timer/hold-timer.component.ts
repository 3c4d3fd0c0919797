import { msg, str } from "@lit/localize";
import { html, nothing } from "lit";
import { EXTEND_HOLD, request } from "../../lib/api.ts";
import { formatCountdown, formatTime } from "../../lib/dates.ts";
import { signal } from "../../lib/events.ts";
import { connectionFailed } from "../../lib/messages.ts";
import { getLocale } from "../../lib/localization.ts";
import type { ApiError, Hold } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { holdTimerStyles } from "./hold-timer.styles.ts";

/** Seconds before expiry at which the citizen is warned (WCAG 2.2.1 asks for ≥ 20 s). */
export const WARN_SECONDS = 120;

/**
 * The reservation's remaining time with a button to extend it (WCAG 2.2.1 Timing Adjustable).
 * Warns once through the live region two minutes before the end.
 *
 * @fires tv-hold-changed - The hold was extended (`detail.hold`).
 * @fires tv-hold-expired - The hold ran out or the server no longer knows it.
 */
export class TerminvergabeHoldTimer extends WidgetElement {
  static override styles = [shared, holdTimerStyles];
  static override properties = {
    hold: { attribute: false },
    timeZone: { attribute: false },
    now: { state: true },
    busy: { state: true },
    failed: { state: true },
  };

  declare hold: Hold;
  declare timeZone: string;
  declare now: number;
  declare busy: boolean;
  declare failed: boolean;
  #interval?: ReturnType<typeof setInterval>;
  #warnedFor = "";
  #expiredFor = "";

  constructor() {
    super();
    this.now = Date.now();
    this.busy = false;
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

  get #remaining(): number {
    return (Date.parse(this.hold.expiresAt) - this.now) / 1000;
  }

  #tick(): void {
    this.now = Date.now();
    if (!this.hold) return;
    const remaining = this.#remaining;
    if (remaining <= 0 && this.#expiredFor !== this.hold.expiresAt) {
      this.#expiredFor = this.hold.expiresAt;
      signal(this, "tv-hold-expired", undefined, true);
    } else if (remaining <= WARN_SECONDS && remaining > 0 && this.#warnedFor !== this.hold.expiresAt) {
      this.#warnedFor = this.hold.expiresAt;
      signal(this, "tv-announce", {
        message: msg("Ihre Reservierung läuft in zwei Minuten ab. Wählen Sie „Reservierung verlängern“, wenn Sie mehr Zeit brauchen."),
        assertive: true,
      }, true);
    }
  }

  async #extend(): Promise<void> {
    const api = this.api.value;
    if (!api || this.busy) return;
    this.busy = true;
    this.failed = false;
    try {
      const { extendHold } = await request<{ extendHold: Hold | ApiError }>(
        api.client,
        EXTEND_HOLD,
        { input: { holdId: this.hold.id, token: this.hold.token } },
        { mutation: true },
      );
      if (extendHold.__typename === "Hold") {
        const hold = extendHold as Hold;
        signal(this, "tv-hold-changed", { hold }, true);
        signal(this, "tv-announce", {
          message: msg(str`Reservierung verlängert bis ${formatTime(hold.expiresAt, getLocale(), this.timeZone)} Uhr.`),
        }, true);
      } else if (extendHold.__typename === "LimitReached") {
        // The hold reached the agency's cap on its total life: it stays until then.
        signal(this, "tv-announce", { message: (extendHold as ApiError).message, assertive: true }, true);
      } else {
        signal(this, "tv-hold-expired", undefined, true);
      }
    } catch {
      this.failed = true;
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    if (!this.hold) return nothing;
    const remaining = this.#remaining;
    const until = formatTime(this.hold.expiresAt, getLocale(), this.timeZone);
    return html`<div class="notice timer ${remaining <= WARN_SECONDS ? "urgent" : ""}">
      <p>
        ${msg(str`Die Uhrzeit ist für Sie reserviert bis ${until} Uhr.`)}
        <span role="timer">${msg("Noch")} <strong>${formatCountdown(remaining)}</strong> ${msg("Minuten")}</span>
      </p>
      <button type="button" part="button" aria-disabled=${this.busy ? "true" : nothing} @click=${this.#extend}>
        ${msg("Reservierung verlängern")}
      </button>
      ${this.failed ? html`<p class="error" role="alert">${connectionFailed()}</p>` : nothing}
    </div>`;
  }
}
