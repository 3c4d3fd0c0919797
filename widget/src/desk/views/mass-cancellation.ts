import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations, type PropertyValues } from "lit";
import { addDays, dateOf, formatDate, formatTime, today } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { COUNTERS, MASS_CANCELLATION_PROGRESS, PREVIEW_MASS_CANCELLATION, START_MASS_CANCELLATION } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { cancelAppointments, cancelledDone, wouldCancel } from "../lib/counted-texts.ts";
import { getLocale } from "../lib/localization.ts";
import { isError, type MassCancellation } from "../lib/types.ts";
import type { Counter } from "./offices.ts";

interface Preview {
  count: number;
  first: { id: string; reference: string | null; start: string; contactName: string | null; counterName: string }[];
}

const POLL_MS = 1000;

/**
 * Admins: office (and optionally one counter or one concern), date range and reason →
 * preview (count, examples) → confirm → progress of the durable job until every booking is
 * cancelled.
 */
export class DeskMassCancellation extends DeskView {
  static override properties: PropertyDeclarations = {
    preview: { state: true },
    run: { state: true },
    error: { state: true },
    busy: { state: true },
    counters: { state: true },
    counterId: { state: true },
  };

  declare preview: Preview | undefined;
  declare run: MassCancellation | undefined;
  declare error: string;
  declare busy: boolean;
  declare counters: Counter[];
  /** The counter chosen ("" for all counters of the office). */
  declare counterId: string;

  #input: Record<string, unknown> | undefined;
  #closure = false;
  #timer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    this.error = "";
    this.busy = false;
    this.counters = [];
    this.counterId = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadCounters();
  }

  private async loadCounters(): Promise<void> {
    try {
      const { tenantConfiguration } = await this.client.query<{ tenantConfiguration: { counters: Counter[] } }>(COUNTERS, { tenant: this.tenant.slug });
      this.counters = tenantConfiguration.counters;
    } catch {
      // Without the list the whole office is cancelled, as before counters could be chosen.
    }
  }

  override updated(changed: PropertyValues<this>): void {
    // The agency read anew (an admin saved an office or counter): so are its counters.
    if (changed.get("tenant")) void this.loadCounters();
  }

  /** Opens the form for one counter's bookings (from the counters view, when a counter cannot be deactivated). */
  async chooseCounter(counterId: string): Promise<void> {
    this.run = undefined;
    this.preview = undefined;
    await this.loadCounters();
    this.counterId = counterId;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>("#reason-de")?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  private async showPreview(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    this.#input = {
      tenant: this.tenant.slug,
      office: this.office.id,
      from: text("from"),
      to: text("to"),
      reason: { de: text("reason-de"), en: text("reason-en") || null },
      ...(text("service") ? { service: text("service") } : {}),
      ...(text("counter") ? { counter: text("counter") } : {}),
    };
    this.#closure = data.get("closure") === "on";
    this.error = "";
    this.preview = undefined;
    this.busy = true;
    try {
      const { previewMassCancellation: result } = await this.client.query<{ previewMassCancellation: { __typename: string; message?: string } & Partial<Preview> }>(
        PREVIEW_MASS_CANCELLATION,
        { input: this.#input },
      );
      if (isError(result as never)) {
        this.error = result.message ?? "";
        return;
      }
      this.preview = result as Preview;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("#preview-heading")?.focus();
    } catch {
      this.error = msg("Die Vorschau ist fehlgeschlagen.");
    } finally {
      this.busy = false;
    }
  }

  private async start(): Promise<void> {
    if (!this.#input) return;
    this.busy = true;
    try {
      const { startMassCancellation: result } = await this.client.mutate<{ startMassCancellation: { __typename: string; message?: string } & Partial<MassCancellation> }>(
        START_MASS_CANCELLATION,
        { input: { cancellation: this.#input, closure: this.#closure } },
      );
      if (isError(result as never)) {
        this.error = result.message ?? "";
        return;
      }
      this.run = result as MassCancellation;
      this.preview = undefined;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("#progress-heading")?.focus();
      this.poll();
    } finally {
      this.busy = false;
    }
  }

  private poll(): void {
    clearTimeout(this.#timer);
    if (!this.run || this.run.status === "DONE") return;
    this.#timer = setTimeout(async () => {
      try {
        const { massCancellation } = await this.client.query<{ massCancellation: MassCancellation | null }>(MASS_CANCELLATION_PROGRESS, {
          tenant: this.tenant.slug,
          id: this.run!.id,
        });
        if (massCancellation) this.run = massCancellation;
      } finally {
        this.poll();
      }
    }, POLL_MS);
  }

  private progress(run: MassCancellation) {
    const done = run.status === "DONE";
    return html`<section aria-labelledby="progress-heading">
      <h3 id="progress-heading" tabindex="-1">${msg("Fortschritt")}</h3>
      <label for="progress">${msg(str`${run.cancelled} von ${run.total} abgesagt`)}</label>
      <progress id="progress" max=${Math.max(1, run.total)} .value=${run.cancelled}></progress>
      <div role="status">${done ? html`<p class="ok">${cancelledDone(getLocale(), run.cancelled)}</p>` : nothing}</div>
      ${done ? html`<p><button @click=${() => (this.run = undefined)}>${msg("Neue Massenabsage")}</button></p>` : nothing}
    </section>`;
  }

  override render() {
    if (!this.office) return nothing;
    if (this.run) return html`<h2 tabindex="-1">${msg("Massenabsage")}</h2>${this.progress(this.run)}`;
    const locale = getLocale();
    const from = today(this.office.timeZone);
    const services = this.tenant.services.filter((s) => this.office.services.some((o) => o.id === s.id));
    const counters = this.counters.filter((c) => c.officeId === this.office.id);
    return html`
      <h2 tabindex="-1">${msg("Massenabsage")}</h2>
      <p>${msg(str`Sagt alle gebuchten Termine im gewählten Zeitraum am Standort ${this.office.name} ab. Jede Person mit E-Mail-Adresse bekommt den Grund per Mail.`)}</p>
      <form @submit=${this.showPreview}>
        <div class="row">
          <label>${msg("Von")}<input name="from" type="date" required .value=${from} /></label>
          <label>${msg("Bis (einschließlich)")}<input name="to" type="date" required .value=${addDays(from, 7)} /></label>
          <label>${msg("Schalter")}<select name="counter" @change=${(e: Event) => (this.counterId = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.counterId}>${msg("alle Schalter")}</option>
            ${counters.map((c) => html`<option value=${c.id} ?selected=${c.id === this.counterId}>${c.name}</option>`)}</select></label>
          <label>${msg("Anliegen")}<select name="service"><option value="">${msg("alle Anliegen")}</option>
            ${services.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></label>
        </div>
        <p class="field"><label for="reason-de">${msg("Grund (Deutsch)")}</label><input id="reason-de" name="reason-de" required maxlength="500" /></p>
        <p class="field"><label for="reason-en">${msg("Grund (Englisch, freiwillig)")}</label><input id="reason-en" name="reason-en" lang="en" maxlength="500" /></p>
        <p><label class="check"><input type="checkbox" name="closure" /> ${msg("Zeitraum auch für neue Buchungen schließen")}</label></p>
        <p><button type="submit" ?disabled=${this.busy}>${msg("Vorschau")}</button></p>
      </form>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${this.preview
        ? html`<section aria-labelledby="preview-heading" class="notice">
            <h3 id="preview-heading" tabindex="-1">${wouldCancel(getLocale(), this.preview.count)}</h3>
            ${this.preview.first.length
              ? html`<ul>${this.preview.first.map((b) => html`<li>${formatDate(dateOf(b.start, this.office.timeZone), locale)}, ${formatTime(b.start, locale, this.office.timeZone)} · ${b.reference ?? ""} · ${b.contactName ?? ""} · ${b.counterName}</li>`)}</ul>`
              : nothing}
            <p><button class="primary" @click=${this.start} ?disabled=${this.busy || !this.preview.count}>${cancelAppointments(getLocale(), this.preview.count)}</button></p>
          </section>`
        : nothing}
    `;
  }
}

define("tv-desk-mass-cancellation", DeskMassCancellation);
