import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations, type PropertyValues } from "lit";
import { addDays, formatDate, formatTimeRange, today } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { DAY_LIST, DAY_LIST_CHANGED, SET_ATTENDANCE } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { appointments, newAppointments } from "../lib/counted-texts.ts";
import { getLocale } from "../lib/localization.ts";
import { channelLabel, statusLabel } from "../lib/labels.ts";
import { type ApiError, type Attendance, type DeskBooking, isError } from "../lib/types.ts";

interface DayListResult {
  dayList: { __typename: string; date?: string; bookings?: DeskBooking[]; code?: string; message?: string };
}

/** One key in a focused row records attendance (WCAG 2.1.4: only while the row has focus). */
const KEYS: Record<string, Attendance> = { a: "CHECKED_IN", e: "COMPLETED", n: "NO_SHOW", r: "NONE" };
const MARKED = new Set(["CHECKED_IN", "COMPLETED", "NO_SHOW"]);
const LIVE = new Set(["CONFIRMED", "PENDING_VERIFICATION", "CHECKED_IN"]);

/**
 * The start page: one office's bookings of a day per counter, live (bookings made online or
 * by colleagues appear without reload), with one-key attendance in the focused row.
 */
export class DeskDayList extends DeskView {
  static override properties: PropertyDeclarations = {
    date: { state: true },
    bookings: { state: true },
    active: { state: true },
    error: { state: true },
    announcement: { state: true },
    fresh: { state: true },
    loading: { state: true },
  };

  declare date: string;
  declare bookings: DeskBooking[];
  /** The row with tabindex 0 (roving focus). */
  declare active: string;
  declare error: string;
  declare announcement: string;
  /** Ids that arrived live since the list was opened (marked "neu"). */
  declare fresh: Set<string>;
  declare loading: boolean;

  #unsubscribe?: () => void;
  #subscribedTo = "";

  constructor() {
    super();
    this.bookings = [];
    this.active = "";
    this.error = "";
    this.announcement = "";
    this.fresh = new Set();
    this.loading = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#subscribedTo = "";
  }

  /** Opens the list of another day (jump to a date). */
  show(date: string): void {
    this.date = date;
  }

  /** Sign-in again: a new live connection with the new session. */
  resubscribe(): void {
    this.#subscribedTo = "";
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.date && this.office) this.date = today(this.office.timeZone);
    const key = this.office && this.date ? `${this.office.id}|${this.date}` : "";
    if (key && key !== this.#subscribedTo) {
      this.#subscribedTo = key;
      if (changed.has("office") || changed.has("date")) this.fresh = new Set();
      void this.load(key);
    }
    if (changed.has("bookings") && !this.bookings.some((b) => b.id === this.active)) this.active = this.visible()[0]?.id ?? "";
  }

  private visible(): DeskBooking[] {
    return this.bookings.filter((b) => b.status !== "HELD" && b.status !== "EXPIRED");
  }

  private async load(key: string): Promise<void> {
    this.#unsubscribe?.();
    const variables = { tenant: this.tenant.slug, office: this.office.id, date: this.date };
    this.loading = true;
    try {
      const { dayList } = await this.client.query<DayListResult>(DAY_LIST, variables);
      if (key !== this.#subscribedTo) return;
      if (dayList.__typename !== "DayList") {
        this.error = dayList.message ?? "";
        return;
      }
      this.error = "";
      this.bookings = dayList.bookings ?? [];
    } catch {
      this.error = msg("Die Tagesliste konnte nicht geladen werden.");
    } finally {
      this.loading = false;
    }
    this.#unsubscribe = this.client.subscribe<{ dayListChanged: { bookings: DeskBooking[] } }>(DAY_LIST_CHANGED, variables, (data) => {
      if (key === this.#subscribedTo) this.update_(data.dayListChanged.bookings);
    });
  }

  /** A live update: new bookings are announced and marked. */
  private update_(next: DeskBooking[]): void {
    const known = new Set(this.bookings.map((b) => b.id));
    const added = next.filter((b) => !known.has(b.id) && LIVE.has(b.status));
    this.bookings = next;
    if (added.length) {
      this.fresh = new Set([...this.fresh, ...added.map((b) => b.id)]);
      const first = added[0]!;
      const time = formatTimeRange(first.start, first.end, getLocale(), this.office.timeZone);
      this.announcement =
        added.length === 1
          ? msg(str`Neuer Termin: ${time}, ${first.contactName ?? ""} (${channelLabel(first.channel)})`)
          : newAppointments(getLocale(), added.length);
    }
  }

  private async mark(booking: DeskBooking, attendance: Attendance): Promise<void> {
    if (attendance === "NONE" ? !MARKED.has(booking.status) : booking.status === attendance) return;
    try {
      const { setAttendance } = await this.client.mutate<{ setAttendance: (DeskBooking & { __typename: string }) | ApiError }>(SET_ATTENDANCE, {
        tenant: this.tenant.slug,
        booking: booking.id,
        attendance,
      });
      if (isError(setAttendance)) {
        this.announcement = "";
        this.error = `${booking.reference ?? ""}: ${setAttendance.message}`;
        return;
      }
      this.error = "";
      this.bookings = this.bookings.map((b) => (b.id === booking.id ? { ...b, status: setAttendance.status } : b));
      this.announcement = msg(str`${booking.reference ?? ""}: ${statusLabel(setAttendance.status)}`);
    } catch {
      this.error = msg("Das hat nicht geklappt. Bitte versuchen Sie es erneut.");
    }
  }

  private rows(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>("tr[data-id]")];
  }

  private onKey(event: KeyboardEvent, booking: DeskBooking): void {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = this.rows();
    const index = rows.findIndex((r) => r.dataset.id === booking.id);
    const move = (to: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
      if (!row) return;
      this.active = row.dataset.id!;
      row.focus();
    };
    const key = event.key.toLowerCase();
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(rows.length - 1);
    else if (KEYS[key] && !event.shiftKey) void this.mark(booking, KEYS[key]!);
    else return;
    event.preventDefault();
  }

  private jump(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (/^\d{4}-\d\d-\d\d$/.test(value)) this.date = value;
  }

  private row(b: DeskBooking, locale: string) {
    const tab = b.id === this.active ? 0 : -1;
    const services = b.services.map((s) => `${s.quantity > 1 ? `${s.quantity} × ` : ""}${s.service?.name ?? ""}`).join(", ");
    const documents = [...new Set(b.services.flatMap((s) => s.service?.documents ?? []))];
    const time = formatTimeRange(b.start, b.end, locale, this.office.timeZone);
    const live = LIVE.has(b.status) || b.status === "UNMARKED";
    const marked = MARKED.has(b.status);
    return html`<tr
      data-id=${b.id}
      class="status-${b.status}"
      tabindex=${tab}
      aria-label=${`${time}, ${b.reference ?? ""}, ${b.contactName ?? ""}, ${statusLabel(b.status)}`}
      @focus=${() => (this.active = b.id)}
      @keydown=${(e: KeyboardEvent) => this.onKey(e, b)}
    >
      <td>${time}</td>
      <td><strong>${b.reference ?? "–"}</strong>${this.fresh.has(b.id) ? html` <span class="badge">${msg("neu")}</span>` : nothing}</td>
      <td>${b.contactName ?? "–"}<br /><span class="small">${b.contactPhone ?? ""} ${b.contactEmail ?? ""}</span></td>
      <td>${services}<br /><span class="small">${channelLabel(b.channel)}</span></td>
      <td class="small">${documents.length ? html`<ul>${documents.map((d) => html`<li>${d}</li>`)}</ul>` : "–"}</td>
      <td><span class="badge">${statusLabel(b.status)}</span></td>
      <td>
        ${live && b.status !== "CHECKED_IN" && b.status !== "UNMARKED"
          ? html`<button class="small" tabindex=${tab} @click=${() => this.mark(b, "CHECKED_IN")}>${msg("Angekommen")}</button>`
          : nothing}
        ${live ? html`<button class="small" tabindex=${tab} @click=${() => this.mark(b, "COMPLETED")}>${msg("Erledigt")}</button>` : nothing}
        ${live ? html`<button class="small" tabindex=${tab} @click=${() => this.mark(b, "NO_SHOW")}>${msg("Nicht erschienen")}</button>` : nothing}
        ${marked ? html`<button class="small" tabindex=${tab} @click=${() => this.mark(b, "NONE")}>${msg("Rückgängig")}</button>` : nothing}
      </td>
    </tr>`;
  }

  override render() {
    if (!this.office || !this.date) return nothing;
    const locale = getLocale();
    const shown = this.visible();
    const counters = [...new Map(shown.map((b) => [b.counterId, b.counterName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
    const isToday = this.date === today(this.office.timeZone);
    return html`
      <h2 tabindex="-1">${msg("Tagesliste")} – ${formatDate(this.date, locale)}</h2>
      <div class="row">
        <label>${msg("Datum")}<input type="date" .value=${this.date} @change=${this.jump} /></label>
        <button @click=${() => (this.date = addDays(this.date, -1))}>${msg("Vorheriger Tag")}</button>
        <button @click=${() => (this.date = today(this.office.timeZone))} ?disabled=${isToday}>${msg("Heute")}</button>
        <button @click=${() => (this.date = addDays(this.date, 1))}>${msg("Nächster Tag")}</button>
      </div>
      <p class="hint" id="keys">
        ${msg("In einer Zeile:")} <kbd>A</kbd> ${msg("angekommen")}, <kbd>E</kbd> ${msg("erledigt")}, <kbd>N</kbd>
        ${msg("nicht erschienen")}, <kbd>R</kbd> ${msg("rückgängig")}; <kbd>↑</kbd> <kbd>↓</kbd> ${msg("nächste Zeile")}.
      </p>
      <div role="status" class="vh">${this.announcement}</div>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      <p>${this.loading ? msg("Wird geladen …") : appointments(getLocale(), shown.length)}</p>
      ${counters.map(
        ([id, name]) => html`<table aria-describedby="keys">
          <caption>${name}</caption>
          <thead>
            <tr>
              <th scope="col">${msg("Zeit")}</th>
              <th scope="col">${msg("Referenz")}</th>
              <th scope="col">${msg("Name und Kontakt")}</th>
              <th scope="col">${msg("Anliegen")}</th>
              <th scope="col">${msg("Unterlagen")}</th>
              <th scope="col">${msg("Status")}</th>
              <th scope="col">${msg("Aktionen")}</th>
            </tr>
          </thead>
          <tbody>
            ${shown.filter((b) => b.counterId === id).map((b) => this.row(b, locale))}
          </tbody>
        </table>`,
      )}
    `;
  }
}

define("tv-desk-day-list", DeskDayList);
