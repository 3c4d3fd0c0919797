import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { addDays, formatDate, startOfWeek, today } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { DeskView } from "../lib/desk-view.ts";
import { type HoursRule, occurrences, type Repeat, toRrule, validTimes, WEEKDAYS, type Weekday } from "../lib/hours.ts";
import { getLocale } from "../lib/localization.ts";

const PREVIEW_WEEKS = 8;
const MONTH_WEEKS = [1, 2, 3, 4, 5, -1];

/** A saved or unsaved rule of the editor, with the RRULE body it writes. */
export interface EditorRule extends HoursRule {
  rrule: string;
}

/**
 * Weekly opening hours as a visual editor that writes RRULEs: weekdays, every week / every
 * second week / some weeks of the month ("every 2nd and 4th Saturday 08:00–12:00"),
 * appointment or walk-in, with a preview of the next weeks. Saving fires `rules-changed`
 * with the rules (the configuration API stores them).
 *
 * @fires rules-changed
 */
export class DeskHoursEditor extends DeskView {
  static override properties: PropertyDeclarations = {
    rules: { attribute: false },
    days: { state: true },
    repeat: { state: true },
    kind: { state: true },
    startTime: { state: true },
    endTime: { state: true },
    validFrom: { state: true },
    error: { state: true },
    announcement: { state: true },
  };

  declare rules: EditorRule[];
  declare days: Weekday[];
  declare repeat: Repeat;
  declare kind: HoursRule["kind"];
  declare startTime: string;
  declare endTime: string;
  declare validFrom: string;
  declare error: string;
  declare announcement: string;

  constructor() {
    super();
    this.rules = [];
    this.days = [];
    this.repeat = { kind: "every" };
    this.kind = "APPOINTMENT";
    this.startTime = "08:00";
    this.endTime = "12:00";
    this.validFrom = "";
    this.error = "";
    this.announcement = "";
  }

  private draft(): EditorRule | undefined {
    if (!this.days.length || !validTimes(this.startTime, this.endTime)) return undefined;
    if (this.repeat.kind === "monthly" && !this.repeat.weeks.length) return undefined;
    const rule = {
      kind: this.kind,
      days: this.days,
      repeat: this.repeat,
      startTime: this.startTime,
      endTime: this.endTime,
      validFrom: this.validFrom || today(this.office.timeZone),
    };
    return { ...rule, rrule: toRrule(rule) };
  }

  private toggleDay(day: Weekday, on: boolean): void {
    this.days = on ? [...this.days, day] : this.days.filter((d) => d !== day);
  }

  private toggleWeek(week: number, on: boolean): void {
    const weeks = this.repeat.kind === "monthly" ? this.repeat.weeks : [];
    this.repeat = { kind: "monthly", weeks: on ? [...weeks, week] : weeks.filter((w) => w !== week) };
  }

  private add(event: SubmitEvent): void {
    event.preventDefault();
    const rule = this.draft();
    if (!rule) {
      this.error = msg("Bitte wählen Sie Wochentage, Wochen und eine Zeit (Beginn vor Ende).");
      return;
    }
    this.error = "";
    this.rules = [...this.rules, rule];
    this.announcement = msg(str`Regel hinzugefügt: ${this.describe(rule)}`);
    this.dispatchEvent(new CustomEvent("rules-changed", { detail: this.rules, bubbles: true, composed: true }));
  }

  private removeRule(index: number): void {
    const [removed] = this.rules.splice(index, 1);
    this.rules = [...this.rules];
    if (removed) this.announcement = msg(str`Regel entfernt: ${this.describe(removed)}`);
    this.dispatchEvent(new CustomEvent("rules-changed", { detail: this.rules, bubbles: true, composed: true }));
  }

  private dayNames(): Record<Weekday, string> {
    const names = {} as Record<Weekday, string>;
    WEEKDAYS.forEach((d, i) => (names[d] = formatDate(addDays("2024-01-01", i), getLocale(), "weekday-short")));
    return names;
  }

  private weekName(week: number): string {
    return week === -1 ? msg("letzte") : msg(str`${week}.`);
  }

  describe(rule: HoursRule): string {
    const names = this.dayNames();
    const days = WEEKDAYS.filter((d) => rule.days.includes(d)).map((d) => names[d]).join(", ");
    const kind = rule.kind === "WALK_IN" ? msg("offene Sprechzeit") : msg("Termine");
    const when =
      rule.repeat.kind === "every"
        ? msg(str`jede Woche ${days}`)
        : rule.repeat.kind === "biweekly"
          ? msg(str`jede zweite Woche ${days}`)
          : msg(str`jeden ${rule.repeat.weeks.map((w) => this.weekName(w)).join(msg(" und "))} ${days} im Monat`);
    return `${kind}: ${when}, ${rule.startTime}–${rule.endTime}`;
  }

  /** The next weeks as a grid: which rules open on which day. */
  private preview(rules: EditorRule[]) {
    const start = startOfWeek(today(this.office.timeZone));
    const days = PREVIEW_WEEKS * 7;
    const open = new Map<string, string[]>();
    for (const rule of rules) {
      for (const date of occurrences(rule.rrule, rule.validFrom, start, days)) {
        open.set(date, [...(open.get(date) ?? []), `${rule.kind === "WALK_IN" ? "○" : "●"} ${rule.startTime}–${rule.endTime}`]);
      }
    }
    const names = this.dayNames();
    const locale = getLocale();
    return html`<table class="preview">
      <caption>${msg(str`Vorschau der nächsten ${PREVIEW_WEEKS} Wochen (● Termine, ○ offene Sprechzeit)`)}</caption>
      <thead><tr><th scope="col">${msg("Woche ab")}</th>${WEEKDAYS.map((d) => html`<th scope="col">${names[d]}</th>`)}</tr></thead>
      <tbody>
        ${Array.from({ length: PREVIEW_WEEKS }, (_, w) => {
          const monday = addDays(start, w * 7);
          return html`<tr>
            <th scope="row">${new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric", timeZone: "UTC" }).format(new Date(`${monday}T00:00:00Z`))}</th>
            ${WEEKDAYS.map((_, i) => {
              const date = addDays(monday, i);
              const entries = open.get(date) ?? [];
              return html`<td data-date=${date} class=${entries.length ? "open" : ""}>${entries.map((e) => html`<div class="small">${e}</div>`)}</td>`;
            })}
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  override render() {
    if (!this.office) return nothing;
    const names = this.dayNames();
    const draft = this.draft();
    const monthly = this.repeat.kind === "monthly" ? this.repeat.weeks : [];
    return html`
      <h2 tabindex="-1">${msg("Öffnungszeiten")} – ${this.office.name}</h2>
      <form @submit=${this.add}>
        <fieldset>
          <legend>${msg("Art")}</legend>
          <label class="check"><input type="radio" name="kind" .checked=${this.kind === "APPOINTMENT"} @change=${() => (this.kind = "APPOINTMENT")} /> ${msg("Termine")}</label>
          <label class="check"><input type="radio" name="kind" .checked=${this.kind === "WALK_IN"} @change=${() => (this.kind = "WALK_IN")} /> ${msg("Offene Sprechzeit (ohne Termin)")}</label>
        </fieldset>
        <fieldset>
          <legend>${msg("Wochentage")}</legend>
          <div class="row">
            ${WEEKDAYS.map(
              (d) => html`<label class="check"><input type="checkbox" name="day" value=${d} .checked=${this.days.includes(d)}
                @change=${(e: Event) => this.toggleDay(d, (e.target as HTMLInputElement).checked)} /> ${names[d]}</label>`,
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>${msg("Wiederholung")}</legend>
          <label class="check"><input type="radio" name="repeat" .checked=${this.repeat.kind === "every"} @change=${() => (this.repeat = { kind: "every" })} /> ${msg("jede Woche")}</label>
          <label class="check"><input type="radio" name="repeat" .checked=${this.repeat.kind === "biweekly"} @change=${() => (this.repeat = { kind: "biweekly" })} /> ${msg("jede zweite Woche")}</label>
          <label class="check"><input type="radio" name="repeat" .checked=${this.repeat.kind === "monthly"} @change=${() => (this.repeat = { kind: "monthly", weeks: monthly })} /> ${msg("bestimmte Wochen im Monat")}</label>
          ${this.repeat.kind === "monthly"
            ? html`<fieldset><legend>${msg("Wochen im Monat")}</legend><div class="row">
                ${MONTH_WEEKS.map(
                  (w) => html`<label class="check"><input type="checkbox" name="week" value=${w} .checked=${monthly.includes(w)}
                    @change=${(e: Event) => this.toggleWeek(w, (e.target as HTMLInputElement).checked)} /> ${this.weekName(w)}</label>`,
                )}</div></fieldset>`
            : nothing}
        </fieldset>
        <div class="row">
          <label>${msg("Von")}<input type="time" name="start" .value=${this.startTime} @input=${(e: Event) => (this.startTime = (e.target as HTMLInputElement).value)} /></label>
          <label>${msg("Bis")}<input type="time" name="end" .value=${this.endTime} @input=${(e: Event) => (this.endTime = (e.target as HTMLInputElement).value)} /></label>
          <label>${msg("Gültig ab")}<input type="date" name="valid-from" .value=${this.validFrom || today(this.office.timeZone)}
            @change=${(e: Event) => (this.validFrom = (e.target as HTMLInputElement).value)} /></label>
        </div>
        <p>${msg("Regel")}: <code id="rrule">${draft ? draft.rrule : "–"}</code> ${draft ? html`<span class="hint">(${this.describe(draft)})</span>` : nothing}</p>
        <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
        <p><button class="primary" type="submit">${msg("Regel hinzufügen")}</button></p>
      </form>
      <div role="status" class="vh">${this.announcement}</div>
      <h3>${msg("Regeln")}</h3>
      ${this.rules.length
        ? html`<ul class="rules">${this.rules.map(
            (r, i) => html`<li>${this.describe(r)} <code>${r.rrule}</code>
              <button class="small" @click=${() => this.removeRule(i)} aria-label=${msg(str`Entfernen: ${this.describe(r)}`)}>${msg("Entfernen")}</button></li>`,
          )}</ul>`
        : html`<p>${msg("Noch keine Regeln.")}</p>`}
      ${this.preview(draft ? [...this.rules, draft] : this.rules)}
    `;
  }
}

define("tv-desk-hours-editor", DeskHoursEditor);
