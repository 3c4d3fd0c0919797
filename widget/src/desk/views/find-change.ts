import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { dateOf, formatSlot } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { FIND_BOOKINGS, SLOTS, STAFF_CANCEL, STAFF_RESCHEDULE } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { freeTimesOnChosenDay, searchHits } from "../lib/counted-texts.ts";
import { getLocale } from "../lib/localization.ts";
import { statusLabel } from "../lib/labels.ts";
import { type DeskBooking, isError, type Slot, type StaffBooking } from "../lib/types.ts";

const CHANGEABLE = new Set(["CONFIRMED", "PENDING_VERIFICATION"]);
type Changed = { __typename: string; message?: string } & Partial<StaffBooking>;

/** Search by reference, name, e-mail or phone; cancel or reschedule for the caller. */
export class DeskFindChange extends DeskView {
  static override properties: PropertyDeclarations = {
    results: { state: true },
    selected: { state: true },
    mode: { state: true },
    slots: { state: true },
    message: { state: true },
    error: { state: true },
  };

  declare results: DeskBooking[] | undefined;
  declare selected: DeskBooking | undefined;
  declare mode: "" | "cancel" | "reschedule";
  declare slots: Slot[] | undefined;
  /** Counts the free-time requests, so that only the latest one's answer is shown. */
  private slotRequests = 0;
  /** The day whose free times are shown (asked again after a refused reschedule). */
  private day = "";
  declare message: string;
  declare error: string;

  constructor() {
    super();
    this.mode = "";
    this.message = "";
    this.error = "";
  }

  private zone(b: DeskBooking): string {
    return this.tenant.offices.find((o) => o.id === b.officeId)?.timeZone ?? this.tenant.timeZone;
  }

  private async search(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const query = String(new FormData(event.target as HTMLFormElement).get("query") ?? "").trim();
    if (!query) return;
    this.selected = undefined;
    this.mode = "";
    this.error = "";
    try {
      const { findBookings } = await this.client.query<{ findBookings: { __typename: string; message?: string; bookings?: DeskBooking[] } }>(
        FIND_BOOKINGS,
        { tenant: this.tenant.slug, query },
      );
      if (findBookings.__typename !== "BookingSearch") {
        this.error = findBookings.message ?? "";
        this.results = undefined;
        return;
      }
      this.results = findBookings.bookings ?? [];
      this.message = searchHits(getLocale(), this.results.length);
    } catch {
      this.error = msg("Die Suche ist fehlgeschlagen.");
    }
  }

  private async open(b: DeskBooking, mode: "cancel" | "reschedule"): Promise<void> {
    this.selected = b;
    this.mode = mode;
    this.slots = undefined;
    this.day = "";
    this.error = "";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#change-heading")?.focus();
  }

  private async loadSlots(event: Event): Promise<void> {
    await this.loadDay((event.target as HTMLInputElement).value);
  }

  private async loadDay(date: string): Promise<void> {
    this.day = date;
    const b = this.selected;
    if (!b || !/^\d{4}-\d\d-\d\d$/.test(date)) return;
    const items = b.services.filter((s) => s.service).map((s) => ({ serviceId: s.service!.id, quantity: s.quantity }));
    // Only the latest day asked for is shown: an earlier answer arriving late would replace
    // the list under the clerk's selection.
    const asked = ++this.slotRequests;
    const { slots } = await this.client.query<{ slots: { slots?: Slot[]; message?: string } }>(SLOTS, {
      tenant: this.tenant.slug,
      office: b.officeId,
      items,
      date,
    });
    if (asked !== this.slotRequests) return;
    this.slots = slots.slots ?? [];
    this.message = this.slots.length ? freeTimesOnChosenDay(getLocale(), this.slots.length) : msg("An diesem Tag ist keine Zeit frei.");
  }

  private done(result: Changed, text: string): void {
    if (isError(result as never)) {
      this.error = result.message ?? "";
      return;
    }
    const id = this.selected!.id;
    this.results = this.results?.map((b) => (b.id === id ? { ...b, status: result.status!, start: result.start!, end: result.end! } : b));
    this.message = text;
    this.selected = undefined;
    this.mode = "";
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("#results")?.focus());
  }

  private async cancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get("reason") ?? "").trim();
    if (!reason) {
      this.error = msg("Bitte geben Sie einen Grund an.");
      return;
    }
    const b = this.selected!;
    const { staffCancelBooking } = await this.client.mutate<{ staffCancelBooking: Changed }>(STAFF_CANCEL, { tenant: this.tenant.slug, booking: b.id, reason });
    this.done(staffCancelBooking, msg(str`${b.reference ?? ""} ist abgesagt.`));
  }

  private async reschedule(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const start = String(new FormData(event.target as HTMLFormElement).get("slot") ?? "");
    if (!start) {
      this.error = msg("Bitte wählen Sie eine Zeit.");
      return;
    }
    const b = this.selected!;
    const { staffRescheduleBooking } = await this.client.mutate<{ staffRescheduleBooking: Changed }>(STAFF_RESCHEDULE, {
      tenant: this.tenant.slug,
      booking: b.id,
      start,
    });
    const when = staffRescheduleBooking.start ? formatSlot(staffRescheduleBooking.start, staffRescheduleBooking.end!, getLocale(), this.zone(b)) : "";
    this.done(staffRescheduleBooking, msg(str`${b.reference ?? ""} ist verschoben auf ${when}.`));
    // Refused (e.g. the time was taken meanwhile): the day's free times are asked again.
    if (this.error && this.day) await this.loadDay(this.day);
  }

  private changeForm(b: DeskBooking) {
    const locale = getLocale();
    const what = `${b.reference ?? ""}, ${b.contactName ?? ""}, ${formatSlot(b.start, b.end, locale, this.zone(b))}`;
    if (this.mode === "cancel") {
      return html`<form @submit=${this.cancel} class="notice">
        <h3 id="change-heading" tabindex="-1">${msg(str`Absagen: ${what}`)}</h3>
        <p class="field"><label for="reason">${msg("Grund (steht in der Mail an die Bürgerin / den Bürger)")}</label>
          <input id="reason" name="reason" maxlength="500" required /></p>
        <div class="row"><button class="primary" type="submit">${msg("Termin absagen")}</button>
          <button type="button" @click=${() => (this.mode = "")}>${msg("Abbrechen")}</button></div>
      </form>`;
    }
    return html`<form @submit=${this.reschedule} class="notice">
      <h3 id="change-heading" tabindex="-1">${msg(str`Verschieben: ${what}`)}</h3>
      <p class="field"><label for="new-date">${msg("Neuer Tag")}</label>
        <input id="new-date" type="date" min=${dateOf(new Date().toISOString(), this.zone(b))} @change=${this.loadSlots} /></p>
      ${this.slots?.length
        ? html`<p class="field"><label for="slot">${msg("Neue Zeit")}</label>
            <select id="slot" name="slot">${this.slots.map((s) => html`<option value=${s.start}>${formatSlot(s.start, s.end, locale, this.zone(b))}</option>`)}</select></p>`
        : nothing}
      <div class="row"><button class="primary" type="submit" ?disabled=${!this.slots?.length}>${msg("Termin verschieben")}</button>
        <button type="button" @click=${() => (this.mode = "")}>${msg("Abbrechen")}</button></div>
    </form>`;
  }

  override render() {
    const locale = getLocale();
    return html`
      <h2 tabindex="-1">${msg("Suchen und ändern")}</h2>
      <form class="row" role="search" @submit=${this.search}>
        <label>${msg("Referenz, Name, E-Mail oder Telefon")}<input name="query" type="search" maxlength="100" required /></label>
        <button class="primary" type="submit">${msg("Suchen")}</button>
      </form>
      <div role="status">${this.message ? html`<p>${this.message}</p>` : nothing}</div>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${this.selected && this.mode ? this.changeForm(this.selected) : nothing}
      ${this.results?.length
        ? html`<table id="results" tabindex="-1">
            <caption>${msg("Treffer")}</caption>
            <thead><tr>
              <th scope="col">${msg("Termin")}</th><th scope="col">${msg("Referenz")}</th><th scope="col">${msg("Name und Kontakt")}</th>
              <th scope="col">${msg("Status")}</th><th scope="col">${msg("Aktionen")}</th>
            </tr></thead>
            <tbody>
              ${this.results.map(
                (b) => html`<tr>
                  <td>${formatSlot(b.start, b.end, locale, this.zone(b))}</td>
                  <td><strong>${b.reference ?? "–"}</strong></td>
                  <td>${b.contactName ?? "–"}<br /><span class="small">${b.contactPhone ?? ""} ${b.contactEmail ?? ""}</span></td>
                  <td><span class="badge">${statusLabel(b.status)}</span></td>
                  <td>${CHANGEABLE.has(b.status)
                    ? html`<button class="small" aria-label=${msg(str`${b.reference ?? ""} verschieben`)} @click=${() => this.open(b, "reschedule")}>${msg("Verschieben")}</button>
                        <button class="small" aria-label=${msg(str`${b.reference ?? ""} absagen`)} @click=${() => this.open(b, "cancel")}>${msg("Absagen")}</button>`
                    : nothing}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
    `;
  }
}

define("tv-desk-find-change", DeskFindChange);
