import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { addDays, formatDate, startOfWeek, today } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { DeskView } from "../lib/desk-view.ts";
import { CONFIGURATION, CREATE_OPENING_RULE, DELETE_OPENING_RULE } from "../lib/documents.ts";
import { type HoursRule, occurrences, type Repeat, splitRules, toRrule, validTimes, WEEKDAYS, type Weekday } from "../lib/hours.ts";
import { describeRruleDe, describeRruleEn } from "../lib/rrule-text.ts";
import { isError } from "../lib/types.ts";
import { getLocale } from "../lib/localization.ts";

const PREVIEW_WEEKS = 8;
const MONTH_WEEKS = [1, 2, 3, 4, 5, -1];

/** A rule of the office, with the RRULE body it writes; `id` once saved. */
export interface EditorRule extends HoursRule {
  id?: string;
  rrule: string;
  /** Only one counter (e.g. the emergency counter). */
  counterId?: string | null;
  validUntil?: string | null;
}

interface OpeningRule {
  id: string;
  officeId: string;
  counterId: string | null;
  kind: "APPOINTMENT" | "WALK_IN";
  rrule: string | null;
  startTime: string;
  endTime: string;
  validFrom: string;
  validUntil: string | null;
}

/**
 * Weekly opening hours as a visual editor that writes RRULEs: weekdays, every week / every
 * second week / some weeks of the month ("every 2nd and 4th Saturday 08:00–12:00"),
 * appointment or walk-in, with a preview of the next weeks. Rules are read and saved
 * through the configuration API (tenantConfiguration, createOpeningRule, deleteOpeningRule);
 * citizens see the new times at once. Rules it cannot express (written through the API) are
 * listed read-only with their raw RRULE and a description, and are never rewritten.
 */
export class DeskHoursEditor extends DeskView {
  static override properties: PropertyDeclarations = {
    rules: { attribute: false },
    readOnly: { attribute: false },
    days: { state: true },
    repeat: { state: true },
    kind: { state: true },
    startTime: { state: true },
    endTime: { state: true },
    validFrom: { state: true },
    error: { state: true },
    announcement: { state: true },
    offline: { state: true },
  };

  declare rules: EditorRule[];
  /** The office's rules the editor cannot express: shown, previewed, never written. */
  declare readOnly: OpeningRule[];
  declare days: Weekday[];
  declare repeat: Repeat;
  declare kind: HoursRule["kind"];
  declare startTime: string;
  declare endTime: string;
  declare validFrom: string;
  declare error: string;
  declare announcement: string;
  /** The configuration API did not answer: rules are only previewed, not saved. */
  declare offline: boolean;
  #loadedFor = "";

  constructor() {
    super();
    this.rules = [];
    this.readOnly = [];
    this.days = [];
    this.repeat = { kind: "every" };
    this.kind = "APPOINTMENT";
    this.startTime = "08:00";
    this.endTime = "12:00";
    this.validFrom = "";
    this.error = "";
    this.announcement = "";
    this.offline = false;
  }

  protected override willUpdate(): void {
    if (this.office && this.#loadedFor !== this.office.id) {
      this.#loadedFor = this.office.id;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    try {
      const { tenantConfiguration } = await this.client.query<{ tenantConfiguration: { openingRules: OpeningRule[] } }>(CONFIGURATION, { tenant: this.tenant.slug });
      const { editable, readOnly } = splitRules(tenantConfiguration.openingRules.filter((r) => r.officeId === this.office.id));
      this.rules = editable.map((r) => ({ ...r, rrule: r.rrule! }));
      this.readOnly = readOnly;
      this.offline = false;
    } catch {
      this.offline = true;
    }
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

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const rule = this.draft();
    if (!rule) {
      this.error = msg("Bitte wählen Sie Wochentage, Wochen und eine Zeit (Beginn vor Ende).");
      return;
    }
    this.error = "";
    let saved: EditorRule = rule;
    if (!this.offline) {
      const input = { kind: rule.kind, rrule: rule.rrule, startTime: rule.startTime, endTime: rule.endTime, validFrom: rule.validFrom };
      try {
        const { createOpeningRule: result } = await this.client.mutate<{ createOpeningRule: { __typename: string; message?: string } & Partial<OpeningRule> }>(
          CREATE_OPENING_RULE,
          { tenant: this.tenant.slug, office: this.office.id, input },
        );
        if (isError(result as never)) {
          this.error = result.message ?? "";
          return;
        }
        saved = { ...rule, id: result.id };
      } catch {
        this.offline = true;
      }
    }
    this.rules = [...this.rules, saved];
    this.announcement = saved.id ? msg(str`Regel gespeichert: ${this.describe(rule)}`) : msg(str`Regel hinzugefügt (nicht gespeichert): ${this.describe(rule)}`);
  }

  private async removeRule(rule: EditorRule): Promise<void> {
    if (rule.id) {
      const { deleteOpeningRule: result } = await this.client.mutate<{ deleteOpeningRule: { __typename: string; message?: string } }>(DELETE_OPENING_RULE, {
        tenant: this.tenant.slug,
        id: rule.id,
      });
      if (isError(result as never)) {
        this.error = result.message ?? "";
        return;
      }
    }
    this.rules = this.rules.filter((r) => r !== rule);
    this.announcement = msg(str`Regel entfernt: ${this.describe(rule)}`);
  }

  private dayNames(): Record<Weekday, string> {
    const names = {} as Record<Weekday, string>;
    WEEKDAYS.forEach((d, i) => (names[d] = formatDate(addDays("2024-01-01", i), getLocale(), "weekday-short")));
    return names;
  }

  private weekName(week: number): string {
    return week === -1 ? msg("letzte") : msg(str`${week}.`);
  }

  describe(rule: HoursRule & { validUntil?: string | null }): string {
    const names = this.dayNames();
    const days = WEEKDAYS.filter((d) => rule.days.includes(d)).map((d) => names[d]).join(", ");
    const kind = rule.kind === "WALK_IN" ? msg("offene Sprechzeit") : msg("Termine");
    const when =
      rule.repeat.kind === "every"
        ? msg(str`jede Woche ${days}`)
        : rule.repeat.kind === "biweekly"
          ? msg(str`jede zweite Woche ${days}`)
          : msg(str`jeden ${rule.repeat.weeks.map((w) => this.weekName(w)).join(msg(" und "))} ${days} im Monat`);
    return `${kind}: ${when}, ${rule.startTime}–${rule.endTime}${this.until(rule)}`;
  }

  private until(rule: { validUntil?: string | null }): string {
    return rule.validUntil ? `, ${msg(str`bis ${formatDate(rule.validUntil, getLocale())}`)}` : "";
  }

  /** What a rule the editor cannot express does, as far as it can be said; else its raw text. */
  describeReadOnly(rule: OpeningRule): string {
    const kind = rule.kind === "WALK_IN" ? msg("offene Sprechzeit") : msg("Termine");
    const locale = getLocale();
    const when =
      rule.rrule === null
        ? msg(str`einmalig am ${formatDate(rule.validFrom, locale)}`)
        : `${(locale === "de" ? describeRruleDe : describeRruleEn)(rule.rrule) ?? rule.rrule}, ${msg(str`ab ${formatDate(rule.validFrom, locale)}`)}`;
    return `${kind}: ${when}, ${rule.startTime}–${rule.endTime}${this.until(rule)}`;
  }

  /** The next weeks as a grid: which rules open on which day. */
  private preview(rules: (EditorRule | OpeningRule)[], draft?: EditorRule) {
    const start = startOfWeek(today(this.office.timeZone));
    const days = PREVIEW_WEEKS * 7;
    const open = new Map<string, string[]>();
    const neu = msg("neu");
    for (const rule of draft ? [...rules, draft] : rules) {
      const text = `${rule.kind === "WALK_IN" ? "○" : "●"} ${rule.startTime}–${rule.endTime}${rule === draft ? ` (${neu})` : ""}`;
      for (const date of occurrences(rule.rrule, rule.validFrom, start, days, rule.validUntil)) open.set(date, [...(open.get(date) ?? []), text]);
    }
    const names = this.dayNames();
    const locale = getLocale();
    return html`<table class="preview">
      <caption>${msg(str`Vorschau der nächsten ${PREVIEW_WEEKS} Wochen (● Termine, ○ offene Sprechzeit, „neu“: die Regel im Formular)`)}</caption>
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

  private counterBadge(rule: { counterId?: string | null }) {
    return rule.counterId ? html` <span class="badge">${msg("ein Schalter")}</span>` : nothing;
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
      ${this.offline ? html`<p class="notice">${msg("Die Konfigurations-Schnittstelle antwortet nicht: Regeln werden nur in der Vorschau gezeigt, nicht gespeichert.")}</p>` : nothing}
      <h3>${msg("Regeln")}</h3>
      ${this.rules.length || this.readOnly.length
        ? html`<ul class="rules">${this.rules.map(
            (r) => html`<li>${this.describe(r)}${this.counterBadge(r)} <code>${r.rrule}</code>
              <button class="small" @click=${() => this.removeRule(r)} aria-label=${msg(str`Entfernen: ${this.describe(r)}`)}>${msg("Entfernen")}</button></li>`,
          )}${this.readOnly.map(
            (r) => html`<li class="read-only">${this.describeReadOnly(r)}${this.counterBadge(r)} <code>${r.rrule ?? "–"}</code>
              <span class="hint">${msg("Diese Regel kann im Editor nicht bearbeitet werden.")}</span></li>`,
          )}</ul>`
        : html`<p>${msg("Noch keine Regeln.")}</p>`}
      ${this.preview([...this.rules, ...this.readOnly], draft)}
    `;
  }
}

define("tv-desk-hours-editor", DeskHoursEditor);
