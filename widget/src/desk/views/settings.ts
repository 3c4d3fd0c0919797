import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { define } from "../../lib/define.ts";
import { SETTINGS_QUERY, UPDATE_ORIGINS, UPDATE_POLICY } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { isError } from "../lib/types.ts";
import "./theme-editor.ts";

type Policy = Record<string, number | boolean | string>;
interface Settings {
  allowedOrigins: string[];
  policy: Policy;
}
type Result = { __typename: string; message?: string; field?: string | null } & Partial<Settings>;

/** The policy settings the form offers, with their labels (German first). */
function policyLabels(): [string, string][] {
  return [
    ["minNoticeMinutes", msg("Vorlauf: frühestens so viele Minuten nach der Buchung")],
    ["horizonDays", msg("Buchbar so viele Tage im Voraus")],
    ["slotGridMinutes", msg("Raster der Startzeiten (Minuten)")],
    ["bufferMinutes", msg("Puffer zwischen Terminen (Minuten)")],
    ["cancellationCutoffMinutes", msg("Online absagen oder verschieben bis so viele Minuten vorher")],
    ["cancelledSlotCooldownMinutes", msg("Abgesagte Zeit erst nach so vielen Minuten wieder frei")],
    ["holdMinutes", msg("Reservierung beim Buchen (Minuten)")],
    ["holdMaxMinutes", msg("Reservierung höchstens, mit Verlängerung (Minuten)")],
    ["maxActiveBookingsPerPerson", msg("Offene Termine je Person höchstens")],
    ["maxHoldsPerAddress", msg("Gleichzeitige Reservierungen je Adresse höchstens")],
    ["maxBookingsPerAddressPerHour", msg("Buchungen je Adresse und Stunde höchstens")],
    ["noShowLimit", msg("Nicht erschienen: ab so vielen keine Online-Buchung (0: aus)")],
    ["noShowWindowMonths", msg("Zeitraum dafür (Monate)")],
    ["reminderHours", msg("Erinnerung so viele Stunden vorher")],
    ["retentionDays", msg("Kontaktdaten löschen nach so vielen Tagen (0: behalten)")],
    ["staffReserveShare", msg("Anteil für Telefonbuchungen (0 bis 1)")],
    ["requireEmailVerification", msg("E-Mail-Adresse bestätigen lassen (Double-Opt-in)")],
    ["phoneRequired", msg("Telefonnummer ist Pflicht")],
    ["membershipNumberRequired", msg("Mitgliedsnummer ist Pflicht")],
  ];
}

/** Admins: the agency's policies, the origins allowed to embed the widget and the snippet to copy, and its look (theme-editor.ts). */
export class DeskSettings extends DeskView {
  static override properties: PropertyDeclarations = {
    settings: { state: true },
    error: { state: true },
    problem: { state: true },
    announcement: { state: true },
  };

  declare settings: Settings | undefined;
  declare error: string;
  /** The policy field an InputError names. */
  declare problem: string;
  declare announcement: string;

  constructor() {
    super();
    this.error = "";
    this.problem = "";
    this.announcement = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { tenantConfiguration } = await this.client.query<{ tenantConfiguration: { settings: Settings } }>(SETTINGS_QUERY, { tenant: this.tenant.slug });
      this.settings = tenantConfiguration.settings;
    } catch {
      this.error = msg("Die Einstellungen konnten nicht geladen werden.");
    }
  }

  private done(result: Result, saved: string): void {
    if (isError(result as never)) {
      this.error = result.message ?? "";
      this.problem = result.field?.replace(/^(input\.|policy\.)+/, "") ?? "";
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      return;
    }
    this.error = "";
    this.problem = "";
    this.settings = result as Settings;
    this.announcement = saved;
  }

  private async savePolicy(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const before = this.settings!.policy;
    const input: Policy = {};
    for (const [name] of policyLabels()) {
      const field = form.elements.namedItem(name) as HTMLInputElement | null;
      if (!field) continue;
      const value = typeof before[name] === "boolean" ? field.checked : Number(field.value);
      if (value !== before[name]) input[name] = value;
    }
    if (!Object.keys(input).length) {
      this.announcement = msg("Nichts geändert.");
      return;
    }
    const { updateTenantPolicy } = await this.client.mutate<{ updateTenantPolicy: Result }>(UPDATE_POLICY, { tenant: this.tenant.slug, input });
    this.done(updateTenantPolicy, msg("Richtlinien gespeichert."));
  }

  private async saveOrigins(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = String(new FormData(event.target as HTMLFormElement).get("origins") ?? "");
    const origins = text.split(/\s+/).map((o) => o.trim()).filter(Boolean);
    const { updateAllowedOrigins } = await this.client.mutate<{ updateAllowedOrigins: Result }>(UPDATE_ORIGINS, { tenant: this.tenant.slug, origins });
    this.done(updateAllowedOrigins, msg(str`${origins.length} Adressen gespeichert.`));
  }

  private snippet(): string {
    return `<script type="module" src="${location.origin}/widget.js"></script>\n<terminvergabe-booking tenant="${this.tenant.slug}" lang="de"></terminvergabe-booking>`;
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.snippet());
      this.announcement = msg("Code kopiert.");
    } catch {
      this.renderRoot.querySelector<HTMLTextAreaElement>("#snippet")?.select();
      this.announcement = msg("Code markiert: mit Strg+C kopieren.");
    }
  }

  private policyField(name: string, label: string, value: number | boolean | string) {
    const invalid = this.problem === name;
    if (typeof value === "boolean") {
      return html`<p><label class="check"><input type="checkbox" name=${name} .checked=${value} aria-invalid=${invalid ? "true" : "false"} /> ${label}</label></p>`;
    }
    return html`<p class="field"><label for="p-${name}">${label}</label>
      <input id="p-${name}" name=${name} type="number" min="0" step=${name === "staffReserveShare" ? "0.05" : "1"} .value=${String(value)}
        aria-invalid=${invalid ? "true" : "false"} aria-describedby=${invalid ? "settings-error" : nothing} /></p>`;
  }

  override render() {
    const s = this.settings;
    return html`
      <h2 tabindex="-1">${msg("Einstellungen")}</h2>
      <div role="alert" id="settings-error">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
      <div role="status" class="vh">${this.announcement}</div>
      ${s
        ? html`<section aria-labelledby="embed-heading">
              <h3 id="embed-heading">${msg("Einbindung in Websites")}</h3>
              <form @submit=${this.saveOrigins}>
                <p class="field"><label for="origins">${msg("Erlaubte Adressen (eine je Zeile, z. B. https://www.stadt.example)")}</label>
                  <textarea id="origins" name="origins" rows="4" cols="50" aria-invalid=${this.problem === "origins" ? "true" : "false"}>${s.allowedOrigins.join("\n")}</textarea></p>
                <p><button type="submit">${msg("Adressen speichern")}</button></p>
              </form>
              <p class="field"><label for="snippet">${msg("Code für die Website")}</label>
                <textarea id="snippet" rows="3" cols="70" readonly>${this.snippet()}</textarea></p>
              <p><button @click=${this.copy}>${msg("Code kopieren")}</button></p>
            </section>
            <section>
              <tv-desk-theme-editor .client=${this.client} .tenant=${this.tenant} .office=${this.office}></tv-desk-theme-editor>
            </section>
            <section aria-labelledby="policy-heading">
              <h3 id="policy-heading">${msg("Richtlinien")}</h3>
              <form @submit=${this.savePolicy}>
                ${policyLabels().map(([name, label]) => (name in s.policy ? this.policyField(name, label, s.policy[name]!) : nothing))}
                <p><button class="primary" type="submit">${msg("Richtlinien speichern")}</button></p>
              </form>
            </section>`
        : html`<p>${msg("Wird geladen …")}</p>`}
    `;
  }
}

define("tv-desk-settings", DeskSettings);
