import { msg, str, updateWhenLocaleChanges } from "@lit/localize";
import { html, LitElement, nothing } from "lit";
import { define } from "../lib/define.ts";
import { shared } from "../styles/shared.styles.ts";
import { deskStyles, deskTokens } from "./desk.styles.ts";
import { appStyles } from "./desk-app.styles.ts";
import { DeskClient } from "./lib/client.ts";
import { LOGOUT, TENANT, VIEWER } from "./lib/documents.ts";
import { type DeskLocale, getLocale, setLocale } from "./lib/localization.ts";
import type { DeskOffice, DeskTenant, Viewer } from "./lib/types.ts";
import "./views/audit-log.ts";
import "./views/closures.ts";
import "./views/concerns.ts";
import "./views/day-list.ts";
import type { DeskDayList } from "./views/day-list.ts";
import "./views/find-change.ts";
import "./views/hours-editor.ts";
import "./views/mass-cancellation.ts";
import type { DeskMassCancellation } from "./views/mass-cancellation.ts";
import "./views/offices.ts";
import type { OpenMassCancellationEvent } from "./views/offices.ts";
import "./views/phone-booking.ts";
import "./views/set-password.ts";
import "./views/settings.ts";
import "./views/sign-in.ts";
import type { DeskSignIn } from "./views/sign-in.ts";
import "./views/staff-users.ts";
import "./views/statistics.ts";

type ViewId = "day" | "phone" | "find" | "mass" | "offices" | "hours" | "closures" | "concerns" | "settings" | "staff" | "audit" | "stats";
const ADMIN_VIEWS = new Set<ViewId>(["mass", "offices", "hours", "closures", "concerns", "settings", "staff", "audit", "stats"]);
const OFFICE_KEY = "tv-desk-office";

/**
 * The staff desk of one agency, served at /desk/<tenant>: sign-in, then the day list (start
 * page), phone booking, find and change, and for admins mass cancellation and
 * configuration. Views stay mounted when switching, so work in progress survives; a session
 * that ends shows the sign-in as a modal dialog over the unchanged view and the interrupted
 * request continues after signing in again.
 */
export class TerminvergabeDesk extends LitElement {
  static override styles = [shared, deskTokens, deskStyles, appStyles];
  static override properties = {
    tenant: { reflect: true },
    tenantName: { attribute: "tenant-name" },
    sso: {},
    viewer: { state: true },
    data: { state: true },
    officeId: { state: true },
    view: { state: true },
    expired: { state: true },
    failure: { state: true },
    invitation: { state: true },
    notice: { state: true },
  };

  declare tenant: string;
  declare tenantName: string;
  declare sso: string;
  declare viewer: Viewer | undefined;
  declare data: DeskTenant | undefined;
  declare officeId: string;
  declare view: ViewId;
  declare expired: boolean;
  declare failure: string;
  /** The token of an invitation link (/desk/<tenant>/set-password#token=…). */
  declare invitation: string;
  declare notice: string;

  readonly client = new DeskClient(new URL("/graphql", location.origin).href, () => getLocale(), () => this.sessionEnded());

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.view = "day";
    this.expired = false;
    this.failure = "";
    this.officeId = "";
    this.sso = "";
    this.notice = "";
    const token = new URLSearchParams(location.hash.slice(1)).get("token");
    this.invitation = location.pathname.endsWith("/set-password") && token ? token : "";
  }

  private async passwordSet(): Promise<void> {
    // The token is used up: leave the link's address.
    history.replaceState(null, "", `/desk/${encodeURIComponent(this.tenant)}`);
    this.invitation = "";
    this.notice = msg("Ihr Passwort ist gespeichert. Bitte melden Sie sich jetzt an.");
    await this.updateComplete;
    this.renderRoot.querySelector<DeskSignIn>("main tv-desk-sign-in")?.focusFirst();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  private async start(): Promise<void> {
    try {
      const { viewer } = await this.client.query<{ viewer: Viewer }>(VIEWER);
      if (viewer.kind === "STAFF" && viewer.tenant?.slug === this.tenant) await this.enter(viewer);
      else this.viewer = { kind: "ANONYMOUS" };
    } catch {
      this.failure = msg("Der Server ist nicht erreichbar. Bitte laden Sie die Seite neu.");
    }
  }

  private async enter(viewer: Viewer): Promise<void> {
    const { tenant } = await this.client.query<{ tenant: DeskTenant | null }>(TENANT, { slug: this.tenant });
    // The page is served only for an existing tenant: null means it was removed since.
    if (!tenant) throw new Error(`tenant ${this.tenant} not found`);
    this.data = tenant;
    const saved = localStorage.getItem(OFFICE_KEY);
    this.officeId = tenant.offices.some((o) => o.id === saved) ? saved! : (tenant.offices[0]?.id ?? "");
    this.viewer = viewer;
    await this.updateComplete;
    this.focusView();
  }

  private sessionEnded(): void {
    this.expired = true;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLDialogElement>("dialog")?.showModal();
      this.renderRoot.querySelector<DeskSignIn>("dialog tv-desk-sign-in")?.focusFirst();
    });
  }

  private async signedIn(): Promise<void> {
    const { viewer } = await this.client.query<{ viewer: Viewer }>(VIEWER);
    if (this.expired) {
      this.renderRoot.querySelector<HTMLDialogElement>("dialog")?.close();
      this.expired = false;
      this.viewer = viewer;
      this.client.reconnect();
      this.renderRoot.querySelector<DeskDayList>("tv-desk-day-list")?.resubscribe();
      this.client.signedIn();
      return;
    }
    this.client.reconnect();
    await this.enter(viewer);
  }

  private async signOut(): Promise<void> {
    await this.client.mutate(LOGOUT);
    this.client.reconnect();
    this.viewer = { kind: "ANONYMOUS" };
    this.data = undefined;
  }

  private office(): DeskOffice | undefined {
    return this.data?.offices.find((o) => o.id === this.officeId);
  }

  private chooseOffice(id: string): void {
    this.officeId = id;
    localStorage.setItem(OFFICE_KEY, id);
  }

  private async show(view: ViewId): Promise<void> {
    this.view = view;
    await this.updateComplete;
    this.focusView();
  }

  /** After an admin saved an office or counter: the header's offices and what each offers, read anew. */
  private async reloadTenant(): Promise<void> {
    const { tenant } = await this.client.query<{ tenant: DeskTenant | null }>(TENANT, { slug: this.tenant });
    if (tenant) this.data = tenant;
  }

  /** From the counters view: the mass cancellation of one counter's bookings. */
  private async openMassCancellation(event: OpenMassCancellationEvent): Promise<void> {
    await this.show("mass");
    await this.renderRoot.querySelector<DeskMassCancellation>("tv-desk-mass-cancellation")?.chooseCounter(event.detail.counterId);
  }

  private focusView(): void {
    const current = this.renderRoot.querySelector<HTMLElement & { focusHeading?: () => Promise<void> }>(`[data-view="${this.view}"]`);
    void current?.focusHeading?.();
  }

  private async switchLocale(locale: DeskLocale): Promise<void> {
    await setLocale(locale);
    this.lang = locale;
    document.documentElement.lang = locale;
  }

  private labels(): [ViewId, string][] {
    return [
      ["day", msg("Tagesliste")],
      ["phone", msg("Telefonbuchung")],
      ["find", msg("Suchen und ändern")],
      ["mass", msg("Massenabsage")],
      ["offices", msg("Standorte und Schalter")],
      ["hours", msg("Öffnungszeiten")],
      ["closures", msg("Schließtage")],
      ["concerns", msg("Anliegen")],
      ["settings", msg("Einstellungen")],
      ["staff", msg("Mitarbeitende")],
      ["audit", msg("Protokoll")],
      ["stats", msg("Statistik")],
    ];
  }

  private signInPage() {
    return html`<main class="sign-in">
      <h1>${this.tenantName} – ${msg("Arbeitsplatz")}</h1>
      ${this.failure ? html`<p role="alert" class="notice error">${this.failure}</p>` : nothing}
      <div role="status">${this.notice ? html`<p class="notice">${this.notice}</p>` : nothing}</div>
      ${this.invitation
        ? html`<tv-desk-set-password .client=${this.client} slug=${this.tenant} .token=${this.invitation} @password-set=${this.passwordSet}></tv-desk-set-password>`
        : this.viewer
        ? html`<tv-desk-sign-in .client=${this.client} slug=${this.tenant} sso=${this.sso} @signed-in=${this.signedIn}></tv-desk-sign-in>`
        : this.failure ? nothing : html`<p>${msg("Wird geladen …")}</p>`}
    </main>`;
  }

  override render() {
    const office = this.office();
    if (this.viewer?.kind !== "STAFF" || !this.data || !office) return this.signInPage();
    const admin = this.viewer.roles?.includes("ADMIN") ?? false;
    const views = this.labels().filter(([id]) => admin || !ADMIN_VIEWS.has(id));
    const common = { client: this.client, tenant: this.data, office };
    const view = (id: ViewId, content: unknown) => (admin || !ADMIN_VIEWS.has(id) ? html`<div ?hidden=${this.view !== id}>${content}</div>` : nothing);
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => (e.preventDefault(), this.focusView())}>${msg("Zum Inhalt springen")}</a>
      <header>
        <p class="agency">${this.data.name} – ${msg("Arbeitsplatz")}</p>
        <label class="office">${msg("Standort")}
          <select @change=${(e: Event) => this.chooseOffice((e.target as HTMLSelectElement).value)}>
            ${this.data.offices.map((o) => html`<option value=${o.id} ?selected=${o.id === office.id}>${o.name}</option>`)}
          </select>
        </label>
        <span class="who">${msg(str`Angemeldet: ${this.viewer.user?.name ?? ""}`)}</span>
        ${getLocale() === "de"
          ? html`<button lang="en" @click=${() => this.switchLocale("en")}>English</button>`
          : html`<button lang="de" @click=${() => this.switchLocale("de")}>Deutsch</button>`}
        <button @click=${this.signOut}>${msg("Abmelden")}</button>
      </header>
      <nav aria-label=${msg("Bereiche")}>
        <ul>
          ${views.map(
            ([id, label]) => html`<li><button class=${this.view === id ? "current" : ""} aria-current=${this.view === id ? "page" : "false"}
              @click=${() => this.show(id)}>${label}</button></li>`,
          )}
        </ul>
      </nav>
      <main id="main">
        ${view("day", html`<tv-desk-day-list data-view="day" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-day-list>`)}
        ${view("phone", html`<tv-desk-phone-booking data-view="phone" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-phone-booking>`)}
        ${view("find", html`<tv-desk-find-change data-view="find" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-find-change>`)}
        ${view("mass", html`<tv-desk-mass-cancellation data-view="mass" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-mass-cancellation>`)}
        ${this.view === "offices"
          ? view("offices", html`<tv-desk-offices data-view="offices" .client=${common.client} .tenant=${common.tenant} .office=${office}
              @open-mass-cancellation=${this.openMassCancellation} @configuration-changed=${this.reloadTenant}></tv-desk-offices>`)
          : nothing}
        ${view("hours", html`<tv-desk-hours-editor data-view="hours" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-hours-editor>`)}
        ${view("closures", html`<tv-desk-closures data-view="closures" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-closures>`)}
        ${this.view === "concerns" ? view("concerns", html`<tv-desk-concerns data-view="concerns" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-concerns>`) : nothing}
        ${this.view === "settings" ? view("settings", html`<tv-desk-settings data-view="settings" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-settings>`) : nothing}
        ${this.view === "staff" ? view("staff", html`<tv-desk-staff-users data-view="staff" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-staff-users>`) : nothing}
        ${this.view === "audit" ? view("audit", html`<tv-desk-audit-log data-view="audit" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-audit-log>`) : nothing}
        ${view("stats", html`<tv-desk-statistics data-view="stats" .client=${common.client} .tenant=${common.tenant} .office=${office}></tv-desk-statistics>`)}
      </main>
      <dialog aria-label=${msg("Erneut anmelden")} @cancel=${(e: Event) => e.preventDefault()}>
        ${this.expired
          ? html`<tv-desk-sign-in .client=${this.client} slug=${this.tenant} sso=${this.sso} expired @signed-in=${this.signedIn}></tv-desk-sign-in>`
          : nothing}
      </dialog>
    `;
  }
}

define("terminvergabe-desk", TerminvergabeDesk);
