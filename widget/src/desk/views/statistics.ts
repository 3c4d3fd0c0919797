import { msg } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { addDays, today } from "../../lib/dates.ts";
import { define } from "../../lib/define.ts";
import { STATISTICS } from "../lib/documents.ts";
import { days } from "../lib/counted-texts.ts";
import { DeskView } from "../lib/desk-view.ts";
import { statusLabel, channelLabel } from "../lib/labels.ts";
import { getLocale } from "../lib/localization.ts";
import type { BookingStatus } from "../lib/types.ts";

interface Statistics {
  noShowRate: number | null;
  averageLeadMinutes: number | null;
  byService: { serviceId: string; bookings: number; units: number }[];
  byStatusAndChannel: { status: BookingStatus; channel: string; count: number }[];
}

/** Admins: bookings of an office in a period by concern (bar chart), status and channel. */
export class DeskStatistics extends DeskView {
  static override properties: PropertyDeclarations = { stats: { state: true }, error: { state: true } };

  declare stats: Statistics | undefined;
  declare error: string;

  constructor() {
    super();
    this.error = "";
  }

  private async load(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const { statistics } = await this.client.query<{ statistics: { __typename: string; message?: string } & Partial<Statistics> }>(STATISTICS, {
      tenant: this.tenant.slug,
      office: this.office.id,
      from: String(data.get("from")),
      to: String(data.get("to")),
    });
    if (statistics.__typename !== "OfficeStatistics") {
      this.error = statistics.message ?? "";
      return;
    }
    this.error = "";
    this.stats = statistics as Statistics;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#chart-heading")?.focus();
  }

  private chart(stats: Statistics) {
    const rows = [...stats.byService].sort((a, b) => b.bookings - a.bookings);
    const max = Math.max(1, ...rows.map((r) => r.bookings));
    return html`<figure aria-labelledby="chart-heading">
      <h3 id="chart-heading" tabindex="-1">${msg("Buchungen nach Anliegen")}</h3>
      <table class="chart">
        <thead><tr><th scope="col">${msg("Anliegen")}</th><th scope="col">${msg("Buchungen")}</th><th scope="col">${msg("Einheiten")}</th></tr></thead>
        <tbody>${rows.map(
          (r) => html`<tr><th scope="row">${this.serviceName(r.serviceId)}</th>
            <td><span class="bar" style="width:${(r.bookings / max) * 12}em" aria-hidden="true"></span> ${r.bookings}</td><td>${r.units}</td></tr>`,
        )}</tbody>
      </table>
    </figure>`;
  }

  override render() {
    if (!this.office) return nothing;
    const end = today(this.office.timeZone);
    const s = this.stats;
    return html`
      <style>.bar { display: inline-block; height: 0.9em; background: var(--_tv-primary); vertical-align: middle; min-width: 2px; }</style>
      <h2 tabindex="-1">${msg("Statistik")} – ${this.office.name}</h2>
      <form class="row" @submit=${this.load}>
        <label>${msg("Von")}<input name="from" type="date" required .value=${addDays(end, -30)} /></label>
        <label>${msg("Bis")}<input name="to" type="date" required .value=${addDays(end, 30)} /></label>
        <button class="primary" type="submit">${msg("Anzeigen")}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      ${s
        ? html`<dl>
              <dt>${msg("Nicht erschienen")}</dt><dd>${s.noShowRate === null ? msg("nichts erfasst") : `${Math.round(s.noShowRate * 100)} %`}</dd>
              <dt>${msg("Vorlauf im Schnitt")}</dt><dd>${s.averageLeadMinutes === null ? "–" : days(getLocale(), Math.round(s.averageLeadMinutes / 60 / 24))}</dd>
            </dl>
            ${this.chart(s)}
            <table>
              <caption>${msg("Nach Status und Weg")}</caption>
              <thead><tr><th scope="col">${msg("Status")}</th><th scope="col">${msg("Weg")}</th><th scope="col">${msg("Anzahl")}</th></tr></thead>
              <tbody>${s.byStatusAndChannel.map((r) => html`<tr><td>${statusLabel(r.status)}</td><td>${channelLabel(r.channel)}</td><td>${r.count}</td></tr>`)}</tbody>
            </table>`
        : nothing}
    `;
  }
}

define("tv-desk-statistics", DeskStatistics);
