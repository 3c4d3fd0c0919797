import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { addDays, formatSlot, today } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { AVAILABILITY, SLOTS, STAFF_BOOK } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { freeTimesFound } from "../lib/counted-texts.ts";
import { getLocale } from "../lib/localization.ts";
import { spellReference } from "../lib/spelling.ts";
import { type DeskService, isError, type Slot, type StaffBooking } from "../lib/types.ts";

/** How far ahead the next free times are searched, and how many are offered. */
const SEARCH_DAYS = 42;
const OFFERED = 8;

interface BookResult {
  staffBookAppointment: { __typename: string; code?: string; message?: string; field?: string | null; alternatives?: Slot[] } & Partial<StaffBooking>;
}

/**
 * A caller on the phone: concerns with quantities (staff-only ones first), the next free
 * times (the staff channel sees staff-only windows and the reserve), contact (a phone number
 * is enough), and the reference to read out. A limit can be overridden with a reason.
 */
export class DeskPhoneBooking extends DeskView {
  static override properties: PropertyDeclarations = {
    quantities: { state: true },
    slots: { state: true },
    chosen: { state: true },
    searching: { state: true },
    problems: { state: true },
    limit: { state: true },
    booked: { state: true },
    busy: { state: true },
    message: { state: true },
  };

  /** Concern id → quantity (checked concerns only). */
  declare quantities: Map<string, number>;
  declare slots: Slot[] | undefined;
  declare chosen: string;
  declare searching: boolean;
  declare problems: Record<string, string>;
  /** The limit that refused the booking: the override reason field appears. */
  declare limit: string;
  declare booked: StaffBooking | undefined;
  declare busy: boolean;
  declare message: string;

  constructor() {
    super();
    this.reset();
  }

  private reset(): void {
    this.quantities = new Map();
    this.slots = undefined;
    this.chosen = "";
    this.searching = false;
    this.problems = {};
    this.limit = "";
    this.booked = undefined;
    this.busy = false;
    this.message = "";
  }

  private async newBooking(): Promise<void> {
    this.reset();
    this.renderRoot.querySelector("form")?.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("input[name=concern]")?.focus();
  }

  /** Concerns this office serves, staff-only (phone) ones first. */
  private concerns(): DeskService[] {
    const here = new Set(this.office.services.map((s) => s.id));
    const offered = this.tenant.services.filter((s) => here.has(s.id));
    return [...offered.filter((s) => !s.onlineBookable), ...offered.filter((s) => s.onlineBookable)];
  }

  private items() {
    return [...this.quantities].map(([serviceId, quantity]) => ({ serviceId, quantity }));
  }

  private toggle(service: DeskService, checked: boolean): void {
    const next = new Map(this.quantities);
    if (checked) next.set(service.id, 1);
    else next.delete(service.id);
    this.quantities = next;
    this.slots = undefined;
    this.chosen = "";
  }

  private quantity(service: DeskService, value: string): void {
    const n = Math.max(1, Math.min(service.maxQuantity, Number(value) || 1));
    this.quantities = new Map(this.quantities).set(service.id, n);
    this.slots = undefined;
    this.chosen = "";
  }

  /** Enter on a concern or its quantity searches the next free times (no tabbing past the list). */
  private concernKey(event: KeyboardEvent): void {
    const input = event.target;
    if (event.key !== "Enter" || !(input instanceof HTMLInputElement)) return;
    event.preventDefault();
    const service = this.concerns().find((s) => s.id === input.dataset.id);
    if (input.type === "number" && service) this.quantity(service, input.value);
    void this.findTimes();
  }

  /** The next free times: the first days with free times, then their slots. */
  private async findTimes(): Promise<void> {
    if (!this.quantities.size) {
      this.problems = { concern: msg("Bitte wählen Sie mindestens ein Anliegen.") };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>("input[name=concern]")?.focus();
      return;
    }
    this.problems = {};
    this.searching = true;
    this.message = "";
    const base = { tenant: this.tenant.slug, office: this.office.id, items: this.items() };
    try {
      const from = today(this.office.timeZone);
      const { availability } = await this.client.query<{ availability: { __typename: string; message?: string; days?: { date: string; freeSlots: number }[] } }>(
        AVAILABILITY,
        { ...base, from, to: addDays(from, SEARCH_DAYS - 1) },
      );
      if (isError(availability as never)) {
        this.message = availability.message ?? "";
        this.slots = [];
        return;
      }
      const found: Slot[] = [];
      for (const day of (availability.days ?? []).filter((d) => d.freeSlots > 0)) {
        const { slots } = await this.client.query<{ slots: { slots?: Slot[]; message?: string } }>(SLOTS, { ...base, date: day.date });
        found.push(...(slots.slots ?? []));
        if (found.length >= OFFERED) break;
      }
      this.slots = found.slice(0, OFFERED);
      this.chosen = this.slots[0]?.start ?? "";
      this.message = this.slots.length
        ? freeTimesFound(getLocale(), this.slots.length)
        : msg(str`Keine freie Zeit in den nächsten ${SEARCH_DAYS} Tagen.`);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>("input[name=time]:checked")?.focus();
    } catch {
      this.message = msg("Die freien Zeiten konnten nicht geladen werden.");
    } finally {
      this.searching = false;
    }
  }

  private validate(data: FormData): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!this.quantities.size) problems.concern = msg("Bitte wählen Sie mindestens ein Anliegen.");
    if (!this.chosen) problems.time = msg("Bitte wählen Sie eine Zeit.");
    if (!String(data.get("name") ?? "").trim()) problems.name = msg("Bitte geben Sie den Namen an.");
    const phone = String(data.get("phone") ?? "").trim();
    const email = String(data.get("email") ?? "").trim();
    if (!phone && !email) problems.phone = msg("Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an.");
    if (this.limit && !String(data.get("override") ?? "").trim()) problems.override = msg("Bitte begründen Sie die Ausnahme.");
    return problems;
  }

  private async focusProblem(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const data = new FormData(event.target as HTMLFormElement);
    this.problems = this.validate(data);
    if (Object.keys(this.problems).length) return this.focusProblem();
    const text = (name: string) => String(data.get(name) ?? "").trim() || null;
    this.busy = true;
    try {
      const { staffBookAppointment: result } = await this.client.mutate<BookResult>(STAFF_BOOK, {
        input: {
          tenant: this.tenant.slug,
          office: this.office.id,
          items: this.items(),
          start: this.chosen,
          contact: { name: text("name"), phone: text("phone"), email: text("email") },
          locale: text("locale") ?? "de",
          ...(this.limit ? { override: { reason: text("override") } } : {}),
        },
      });
      if (result.__typename === "StaffBooking") {
        this.booked = result as StaffBooking;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>("#booked")?.focus();
        return;
      }
      if (result.__typename === "LimitReached") {
        this.limit = result.message ?? "";
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>("#override")?.focus();
        return;
      }
      if (result.__typename === "SlotUnavailable") {
        this.slots = result.alternatives ?? [];
        this.chosen = this.slots[0]?.start ?? "";
        this.message = result.message ?? "";
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLInputElement>("input[name=time]:checked")?.focus();
        return;
      }
      const field = result.field?.split(".").pop() ?? "";
      const target = ["name", "phone", "email", "override"].includes(field) ? field : "form";
      this.problems = { [target]: result.message ?? "" };
      if (target === "form") this.message = result.message ?? "";
      else await this.focusProblem();
    } catch {
      this.message = msg("Das hat nicht geklappt. Bitte versuchen Sie es erneut.");
    } finally {
      this.busy = false;
    }
  }

  private field(name: string, label: string, type: string, options: { autocomplete?: string; hint?: string; required?: boolean } = {}) {
    const problem = this.problems[name];
    const described = [problem ? `${name}-error` : "", options.hint ? `${name}-hint` : ""].filter(Boolean).join(" ");
    return html`<p class="field">
      <label for=${name}>${label}</label>
      ${options.hint ? html`<span class="hint" id="${name}-hint">${options.hint}</span>` : nothing}
      <input id=${name} name=${name} type=${type} maxlength="200" autocomplete=${options.autocomplete ?? "off"}
        aria-invalid=${problem ? "true" : "false"} aria-describedby=${described || nothing} ?required=${options.required} />
      ${problem ? html`<span class="error" id="${name}-error">${problem}</span>` : nothing}
    </p>`;
  }

  private result(b: StaffBooking) {
    const locale = getLocale();
    return html`<section aria-labelledby="booked">
      <h2 id="booked" tabindex="-1">${msg(str`Gebucht: ${b.reference}`)}</h2>
      <p class="notice">
        ${msg("Bitte lesen Sie die Referenz vor:")} <strong class="reference">${b.reference}</strong><br />
        <span class="small">${spellReference(b.reference, locale).join(" – ")}</span>
      </p>
      <dl>
        <dt>${msg("Termin")}</dt>
        <dd>${formatSlot(b.start, b.end, locale, this.office.timeZone)}</dd>
        <dt>${msg("Ort")}</dt>
        <dd>${this.office.name}</dd>
        <dt>${msg("Bestätigung")}</dt>
        <dd>${b.mailed ? msg("per E-Mail unterwegs") : msg("keine E-Mail – nur telefonisch mitgeteilt")}</dd>
      </dl>
      <p><button class="primary" @click=${this.newBooking}>${msg("Nächster Anruf")}</button></p>
    </section>`;
  }

  override render() {
    if (!this.office) return nothing;
    if (this.booked) return this.result(this.booked);
    const locale = getLocale();
    return html`
      <h2 tabindex="-1">${msg("Telefonbuchung")}</h2>
      <form @submit=${this.submit} novalidate>
        <fieldset aria-describedby="concern-hint ${this.problems.concern ? "concern-error" : ""}" @keydown=${this.concernKey}>
          <legend>${msg("Anliegen")}</legend>
          <p class="hint" id="concern-hint">${msg("Leertaste wählt ein Anliegen, Eingabetaste sucht die nächsten freien Zeiten.")}</p>
          ${this.concerns().map((s) => {
            const checked = this.quantities.has(s.id);
            return html`<div class="row concern">
              <label class="check"><input type="checkbox" name="concern" .checked=${checked}
                aria-invalid=${this.problems.concern ? "true" : "false"}
                @change=${(e: Event) => this.toggle(s, (e.target as HTMLInputElement).checked)} />
                ${s.name}${s.onlineBookable ? nothing : html` <span class="badge">${msg("nur Telefon")}</span>`}</label>
              ${checked && s.maxQuantity > 1
                ? html`<label class="small">${msg("Anzahl")}
                    <input type="number" min="1" max=${s.maxQuantity} data-id=${s.id} .value=${String(this.quantities.get(s.id))}
                      @change=${(e: Event) => this.quantity(s, (e.target as HTMLInputElement).value)} /></label>`
                : nothing}
            </div>`;
          })}
          ${this.problems.concern ? html`<p class="error" id="concern-error">${this.problems.concern}</p>` : nothing}
        </fieldset>
        <p><button type="button" id="find" @click=${this.findTimes} ?disabled=${this.searching}>${msg("Freie Zeiten suchen")}</button></p>
        <div role="status">${this.message ? html`<p>${this.message}</p>` : nothing}</div>
        ${this.slots?.length
          ? html`<fieldset>
              <legend>${msg("Nächste freie Zeiten")}</legend>
              ${this.slots.map(
                (slot, i) => html`<div><label class="check"><input type="radio" name="time" id="time-${i}" .checked=${slot.start === this.chosen}
                  @change=${() => (this.chosen = slot.start)} /> ${formatSlot(slot.start, slot.end, locale, this.office.timeZone)}</label></div>`,
              )}
            </fieldset>`
          : nothing}
        <fieldset>
          <legend>${msg("Anrufer/in")}</legend>
          ${this.field("name", msg("Name"), "text", { required: true })}
          ${this.field("phone", msg("Telefon"), "tel", { hint: msg("Telefon oder E-Mail genügt; ohne E-Mail keine Bestätigungsmail.") })}
          ${this.field("email", msg("E-Mail (freiwillig)"), "email")}
          <p class="field">
            <label for="locale">${msg("Sprache der Mails")}</label>
            <select id="locale" name="locale"><option value="de">Deutsch</option><option value="en" lang="en">English</option></select>
          </p>
        </fieldset>
        ${this.limit
          ? html`<div class="notice error"><p>${this.limit}</p>${this.field("override", msg("Ausnahme begründen (wird protokolliert)"), "text")}</div>`
          : nothing}
        <div role="alert">${this.problems.form ? html`<p class="notice error">${this.problems.form}</p>` : nothing}</div>
        <p><button class="primary" type="submit" ?disabled=${this.busy}>${this.limit ? msg("Trotzdem buchen") : msg("Verbindlich buchen")}</button></p>
      </form>
    `;
  }
}

define("tv-desk-phone-booking", DeskPhoneBooking);
