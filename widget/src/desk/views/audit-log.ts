import { msg } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { define } from "../../lib/define.ts";
import { AUDIT_LOG } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { getLocale } from "../lib/localization.ts";

interface Entry {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  data: string;
}

const PAGE = 25;

/** Admins: who changed what, when — newest first, paged, filtered by object type. */
export class DeskAuditLog extends DeskView {
  static override properties: PropertyDeclarations = { entries: { state: true }, more: { state: true }, error: { state: true } };

  declare entries: Entry[];
  declare more: boolean;
  declare error: string;
  #type = "";

  constructor() {
    super();
    this.entries = [];
    this.more = false;
    this.error = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(before?: string): Promise<void> {
    const { auditLog } = await this.client.query<{ auditLog: { __typename: string; message?: string; entries?: Entry[] } }>(AUDIT_LOG, {
      tenant: this.tenant.slug,
      first: PAGE,
      before: before ?? null,
      entityType: this.#type || null,
    });
    if (!auditLog.entries) {
      this.error = auditLog.message ?? "";
      return;
    }
    this.entries = before ? [...this.entries, ...auditLog.entries] : auditLog.entries;
    this.more = auditLog.entries.length === PAGE;
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    this.#type = String(new FormData(event.target as HTMLFormElement).get("type") ?? "").trim();
    void this.load();
  }

  override render() {
    const time = new Intl.DateTimeFormat(getLocale(), { dateStyle: "short", timeStyle: "medium", timeZone: this.tenant?.timeZone });
    return html`
      <h2 tabindex="-1">${msg("Protokoll")}</h2>
      <form class="row" @submit=${this.filter}>
        <label>${msg("Objektart")}<select name="type">
          <option value="">${msg("alle")}</option>
          ${["Booking", "StaffUser", "Closure", "MassCancellation", "Tenant", "Office", "Service"].map((t) => html`<option>${t}</option>`)}
        </select></label>
        <button type="submit">${msg("Filtern")}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      <table>
        <caption>${msg("Einträge, neueste zuerst")}</caption>
        <thead><tr><th scope="col">${msg("Zeit")}</th><th scope="col">${msg("Wer")}</th><th scope="col">${msg("Was")}</th><th scope="col">${msg("Objekt")}</th><th scope="col">${msg("Details")}</th></tr></thead>
        <tbody>${this.entries.map(
          (e) => html`<tr><td>${time.format(new Date(e.at))}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.entityType} <span class="small">${e.entityId.slice(0, 8)}</span></td>
            <td class="small"><code>${e.data.length > 160 ? `${e.data.slice(0, 160)}…` : e.data}</code></td></tr>`,
        )}</tbody>
      </table>
      ${this.more ? html`<p><button @click=${() => this.load(this.entries.at(-1)?.id)}>${msg("Ältere Einträge")}</button></p>` : nothing}
    `;
  }
}

define("tv-desk-audit-log", DeskAuditLog);
