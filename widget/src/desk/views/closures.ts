import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations, type PropertyValues } from "lit";
import { formatDate, today } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { CONFIGURATION, COUNTERS, CREATE_CLOSURE, DELETE_CLOSURE } from "../lib/documents.ts";
import { DeskEditView } from "../lib/desk-edit-view.ts";
import { getLocale } from "../lib/localization.ts";
import { isError } from "../lib/types.ts";
import type { Counter } from "./offices.ts";

interface Closure {
  id: string;
  officeId: string;
  counterId: string | null;
  from: string;
  to: string;
  startTime: string | null;
  endTime: string | null;
  reasonDe: string;
}

/** Admins close the office, or one of its counters, for whole days or a time range (citizens see it at once). */
export class DeskClosures extends DeskEditView {
  static override properties: PropertyDeclarations = { closures: { state: true }, counters: { state: true } };

  declare closures: Closure[];
  declare counters: Counter[];

  constructor() {
    super();
    this.closures = [];
    this.counters = [];
  }

  /** The closures not over yet, from the configuration API (when it answers). */
  protected override async load(): Promise<void> {
    try {
      const { tenantConfiguration } = await this.client.query<{ tenantConfiguration: { closures: Closure[] } }>(CONFIGURATION, { tenant: this.tenant.slug });
      this.closures = tenantConfiguration.closures;
      await this.loadCounters();
    } catch {
      // Without the configuration query only the closures made here are listed.
    }
  }

  private async loadCounters(): Promise<void> {
    const { tenantConfiguration } = await this.client.query<{ tenantConfiguration: { counters: Counter[] } }>(COUNTERS, { tenant: this.tenant.slug });
    this.counters = tenantConfiguration.counters;
  }

  override updated(changed: PropertyValues<this>): void {
    // The agency read anew (an admin saved an office or counter): so are its counters.
    if (changed.get("tenant")) void this.loadCounters().catch(() => undefined);
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim() || null;
    const { createClosure } = await this.client.mutate<{ createClosure: { __typename: string; message?: string } & Partial<Closure> }>(CREATE_CLOSURE, {
      input: {
        tenant: this.tenant.slug,
        office: this.office.id,
        counter: text("counter"),
        from: text("from"),
        to: text("to") ?? text("from"),
        startTime: text("start"),
        endTime: text("end"),
        reason: { de: text("reason-de") ?? "", en: text("reason-en") },
      },
    });
    if (isError(createClosure as never)) {
      this.error = createClosure.message ?? "";
      return;
    }
    this.error = "";
    this.closures = [...this.closures, createClosure as Closure];
    this.announcement = msg("Schließzeit gespeichert.");
    form.reset();
  }

  private async reopen(closure: Closure): Promise<void> {
    const { deleteClosure } = await this.client.mutate<{ deleteClosure: { __typename: string; message?: string } }>(DELETE_CLOSURE, {
      tenant: this.tenant.slug,
      id: closure.id,
    });
    if (isError(deleteClosure as never)) this.error = deleteClosure.message ?? "";
    this.closures = this.closures.filter((c) => c.id !== closure.id);
    this.announcement = msg("Schließzeit aufgehoben.");
  }

  override render() {
    if (!this.office) return nothing;
    const locale = getLocale();
    const counters = this.counters.filter((c) => c.officeId === this.office.id);
    const counterName = (id: string | null) => (id ? (counters.find((c) => c.id === id)?.name ?? "") : msg("ganzer Standort"));
    return html`
      <h2 tabindex="-1">${msg("Schließtage")} – ${this.office.name}</h2>
      <form @submit=${this.create}>
        <div class="row">
          <label>${msg("Von")}<input name="from" type="date" required .value=${today(this.office.timeZone)} /></label>
          <label>${msg("Bis (einschließlich)")}<input name="to" type="date" /></label>
          <label>${msg("Schalter")}<select name="counter"><option value="">${msg("ganzer Standort")}</option>
            ${counters.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select></label>
          <label>${msg("Nur von (Uhrzeit, freiwillig)")}<input name="start" type="time" /></label>
          <label>${msg("bis")}<input name="end" type="time" /></label>
        </div>
        <p class="field"><label for="closure-de">${msg("Grund (Deutsch, für Bürgerinnen und Bürger)")}</label><input id="closure-de" name="reason-de" required maxlength="200" /></p>
        <p class="field"><label for="closure-en">${msg("Grund (Englisch, freiwillig)")}</label><input id="closure-en" name="reason-en" lang="en" maxlength="200" /></p>
        <p><button class="primary" type="submit">${msg("Schließen")}</button></p>
      </form>
      ${this.feedback()}
      ${this.closures.some((c) => c.officeId === this.office.id)
        ? html`<h3>${msg("Schließzeiten")}</h3><ul>${this.closures.filter((c) => c.officeId === this.office.id).map(
            (c) => html`<li>${formatDate(c.from, locale)}${c.to !== c.from ? ` – ${formatDate(c.to, locale)}` : ""}${c.startTime ? `, ${c.startTime}–${c.endTime}` : ""} (${counterName(c.counterId)}): ${c.reasonDe}
              <button class="small" @click=${() => this.reopen(c)} aria-label=${msg(str`Aufheben: ${c.reasonDe}`)}>${msg("Aufheben")}</button></li>`,
          )}</ul>`
        : nothing}
    `;
  }
}

define("tv-desk-closures", DeskClosures);
