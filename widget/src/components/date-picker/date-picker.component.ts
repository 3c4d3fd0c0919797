import { msg } from "@lit/localize";
import { html, nothing } from "lit";
import { navigate, selectable } from "../../lib/calendar-keys.ts";
import { addMonths, formatDate, type IsoDate, monthGrid, startOfMonth, weekdayNames } from "../../lib/dates.ts";
import { signal } from "../../lib/events.ts";
import { getLocale } from "../../lib/localization.ts";
import { freeAppointments } from "../../lib/counted-texts.ts";
import type { AvailabilityDay, DayStatus } from "../../lib/types.ts";
import { WidgetElement } from "../../lib/widget-element.ts";
import { shared } from "../../styles/shared.styles.ts";
import { datePickerStyles } from "./date-picker.styles.ts";

/**
 * A month grid of days coloured by availability, following the WAI-ARIA date picker grid
 * pattern: one tab stop, arrow keys move by day and week, Home/End to the week's ends,
 * Page Up/Down by month (with Shift by year), Enter or Space picks the day.
 *
 * @fires tv-date - A day was picked (`detail.date`).
 * @fires tv-month - Another month should be shown (`detail.month`, first of month).
 * @csspart calendar - The grid.
 * @csspart day - Each day of the month.
 */
export class TerminvergabeDatePicker extends WidgetElement {
  static override styles = [shared, datePickerStyles];
  static override properties = {
    month: { attribute: false },
    days: { attribute: false },
    selected: { attribute: false },
    min: { attribute: false },
    max: { attribute: false },
    loading: { attribute: false },
    focused: { state: true },
  };

  /** First day of the month shown. */
  declare month: IsoDate;
  declare days: AvailabilityDay[];
  declare selected: IsoDate | undefined;
  /** First day that may be shown (today in the office's time zone). */
  declare min: IsoDate;
  declare max: IsoDate | undefined;
  declare loading: boolean;
  declare focused: IsoDate | undefined;
  #focusAfterRender = false;
  #pending?: IsoDate;

  constructor() {
    super();
    this.days = [];
    this.loading = false;
  }

  #status(date: IsoDate): AvailabilityDay | undefined {
    return date < this.min || (this.max && date > this.max) ? undefined : this.days.find((d) => d.date === date);
  }

  #inMonth = (date: IsoDate | undefined): date is IsoDate => !!date && startOfMonth(date) === this.month;

  protected override willUpdate(): void {
    // A day reached by keyboard in another month keeps focus while that month is on its way.
    const waiting = this.focused !== undefined && this.focused === this.#pending;
    if (!this.#inMonth(this.focused) && !waiting) {
      const firstAvailable = this.days.find((d) => this.#inMonth(d.date) && selectable(this.#status(d.date)?.status))?.date;
      this.focused = [this.selected, firstAvailable, this.#inMonth(this.min) ? this.min : undefined].find(this.#inMonth) ?? this.month;
    }
  }

  protected override updated(): void {
    if (this.#focusAfterRender && this.#inMonth(this.focused)) {
      this.#focusAfterRender = false;
      this.#pending = undefined;
      (this.renderRoot.querySelector(`td[data-date="${this.focused}"]`) as HTMLElement | null)?.focus();
    }
  }

  #canShow(month: IsoDate): boolean {
    return month >= startOfMonth(this.min) && (!this.max || month <= startOfMonth(this.max));
  }

  #moveTo(date: IsoDate): void {
    const month = startOfMonth(date);
    if (!this.#canShow(month)) return;
    this.focused = date;
    this.#focusAfterRender = true;
    if (month !== this.month) {
      this.#pending = date;
      signal(this, "tv-month", { month });
    }
  }

  #showMonth(delta: number): void {
    const month = addMonths(this.month, delta);
    if (!this.#canShow(month)) return;
    this.focused = undefined;
    signal(this, "tv-month", { month });
  }

  #pick(date: IsoDate): void {
    this.focused = date;
    if (selectable(this.#status(date)?.status)) signal(this, "tv-date", { date });
  }

  #onKeydown(event: KeyboardEvent): void {
    const current = this.focused;
    if (!current) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.#pick(current);
      return;
    }
    const next = navigate(current, event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    this.#moveTo(next);
  }

  #label(date: IsoDate, day: AvailabilityDay | undefined): string {
    switch (day?.status) {
      case "AVAILABLE":
        return freeAppointments(getLocale(), day.freeSlots);
      case "FULL":
        return msg("ausgebucht");
      case "WALK_IN_ONLY":
        return msg("nur offene Sprechstunde ohne Termin");
      case "CLOSED":
        return msg("geschlossen");
      default:
        return this.loading && date >= this.min ? msg("wird geladen") : msg("nicht buchbar");
    }
  }

  #renderDay(date: IsoDate) {
    const day = this.#status(date);
    const locale = getLocale();
    return html`<td
      part="day"
      class="day ${day?.status ?? ""}"
      data-date=${date}
      tabindex=${date === this.focused ? 0 : -1}
      aria-selected=${date === this.selected ? "true" : "false"}
      aria-disabled=${selectable(day?.status) ? nothing : "true"}
      aria-current=${date === this.min ? "date" : nothing}
      @click=${() => this.#pick(date)}
    ><span aria-hidden="true">${Number(date.slice(8))}</span><span class="vh">${formatDate(date, locale)}, ${this.#label(date, day)}</span></td>`;
  }

  protected override render() {
    const locale = getLocale();
    const names = weekdayNames(locale);
    const prev = this.#canShow(addMonths(this.month, -1));
    const next = this.#canShow(addMonths(this.month, 1));
    const legend: [string, string][] = [
      ["AVAILABLE", msg("freie Termine")],
      ["FULL", msg("ausgebucht")],
      ["CLOSED", msg("geschlossen")],
      ["WALK_IN_ONLY", msg("nur ohne Termin")],
    ];
    return html`<div class="header">
        <button type="button" part="button" aria-label=${msg("Vorheriger Monat")} aria-disabled=${prev ? nothing : "true"}
          @click=${() => this.#showMonth(-1)}><span aria-hidden="true">‹</span></button>
        <h3 id="month" aria-live="polite">${formatDate(this.month, locale, "month")}</h3>
        <button type="button" part="button" aria-label=${msg("Nächster Monat")} aria-disabled=${next ? nothing : "true"}
          @click=${() => this.#showMonth(1)}><span aria-hidden="true">›</span></button>
      </div>
      <table role="grid" part="calendar" aria-labelledby="month" aria-busy=${this.loading ? "true" : "false"}
        class=${this.loading ? "loading" : ""} @keydown=${this.#onKeydown}>
        <thead>
          <tr>${names.map((n) => html`<th scope="col" abbr=${n.long}>${n.short}</th>`)}</tr>
        </thead>
        <tbody>
          ${monthGrid(this.month).map(
            (week) => html`<tr>${week.map((date) => (date ? this.#renderDay(date) : html`<td></td>`))}</tr>`,
          )}
        </tbody>
      </table>
      <ul class="legend" aria-label=${msg("Legende")}>
        ${legend.map(([status, text]) => html`<li><span class="${status}" aria-hidden="true"></span>${text}</li>`)}
      </ul>`;
  }
}
