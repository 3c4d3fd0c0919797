import { msg, str, updateWhenLocaleChanges } from "@lit/localize";
import type { AnyVariables } from "@urql/core";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { type Api, createApi, request } from "../lib/api.ts";
import type { TypedDocument } from "../lib/typed-document.ts";
import { getLocale, resolveLocale, setLocale, type Locale } from "../lib/localization.ts";
import { connectionFailed } from "../lib/messages.ts";
import { defaultEndpoint } from "../lib/script-url.ts";
import { themeVariables } from "../lib/theme.ts";
import { shared } from "../styles/shared.styles.ts";
import { bookingStyles } from "../components/booking/booking.styles.ts";
import { registeredView, registerView } from "./account-views.ts";
import { campaignView } from "./campaign-view.ts";
import { homeView } from "./home-view.ts";
import type { PortalHost, View } from "./host.ts";
import { offerLinkView } from "./offer-link-view.ts";
import { notificationsView } from "./notifications-view.ts";
import { forgotView, resetView } from "./password-views.ts";
import {
  type Answer,
  answerOffer,
  CONFIRM_EMAIL_CHANGE,
  type Customer,
  LOGIN,
  LOGOUT,
  MARK_READ,
  type OfferAnswer,
  PORTAL,
  type PortalTenant,
  VERIFY_EMAIL,
} from "./portal-api.ts";
import { profileView } from "./profile-view.ts";
import { portalStyles } from "./portal.styles.ts";
import { authorizedFetch, loadToken, saveToken } from "./session.ts";
import { transparencyView } from "./transparency-view.ts";

/** The mail link's token (`#token=…`, never sent to servers). */
const linkToken = (): string => new URLSearchParams(location.hash.slice(1)).get("token") ?? "";

/**
 * The customer portal of an agency's lottery campaigns: account, requests, offers, the
 * draw's transparency record. Shares the booking widget's styles, theming (`--tv-*`),
 * API client and localisation.
 *
 * @tagname terminvergabe-portal
 * @summary `<terminvergabe-portal tenant="demo-steuerberatung" lang="de">`
 *
 * @attr tenant - The agency's slug (required).
 * @attr lang - `de` (default) or `en`; falls back to the nearest `lang` on the page.
 * @attr api - GraphQL endpoint; defaults to `/graphql` next to the script.
 * @attr mode - `verify`, `offer`, `reset-password` or `confirm-email`: a mail's link (`#token=…`).
 *
 * @csspart heading - Each view's heading.
 * @csspart button - Every button.
 * @csspart button-primary - The main action of a view (register, sign in, send the request).
 * @csspart input - Text inputs of the forms.
 *
 * @cssproperty --tv-color-primary - Buttons, accents (tenant theme or #0b57a4).
 * @cssproperty --tv-color-on-primary - Text on primary (tenant theme or #fff).
 * @cssproperty --tv-color-focus - Focus outline (tenant theme or #1a1a1a).
 * @cssproperty --tv-color-text - Text colour (#1a1a1a).
 * @cssproperty --tv-color-text-muted - Secondary text (#4d4d4d).
 * @cssproperty --tv-color-surface - Background (#fff).
 * @cssproperty --tv-color-muted - Background of notices (#f3f4f6).
 * @cssproperty --tv-color-border - Borders (#c4c7cc).
 * @cssproperty --tv-color-error - Errors (#b3261e).
 * @cssproperty --tv-color-link - Links (primary).
 * @cssproperty --tv-radius - Corner radius (tenant theme or 4px).
 * @cssproperty --tv-max-width - Maximum width of the portal (48rem).
 */
export class TerminvergabePortal extends LitElement implements PortalHost {
  static override styles = [shared, bookingStyles, portalStyles];
  static override properties = {
    tenant: { reflect: true },
    lang: {},
    api: {},
    mode: {},
    view: { state: true },
    data: { state: true },
    customer: { state: true },
    busy: { state: true },
    status: { state: true },
    alert: { state: true },
    fieldErrors: { state: true },
    linkResult: { state: true },
  };

  declare tenant: string;
  declare lang: string;
  declare api: string;
  declare mode: string;
  declare view: View;
  declare data: PortalTenant | undefined;
  declare customer: Customer | undefined;
  declare busy: boolean;
  /** Announced politely (role=status): what just happened. */
  declare status: string;
  /** Announced assertively (role=alert): what went wrong. */
  declare alert: string;
  declare fieldErrors: Record<string, string>;
  declare linkResult: OfferAnswer | undefined;

  #connection?: Api;
  #token?: string;
  #focusPending = true;
  #failed = false;
  /** The reset mail's token, taken from the URL once. */
  #resetToken = "";

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.tenant = "";
    this.lang = "";
    this.api = "";
    this.mode = "";
    this.view = { name: "home" };
    this.busy = false;
    this.status = "";
    this.alert = "";
    this.fieldErrors = {};
  }

  /** The agency, once the portal has read it (the views render only then). */
  get agency(): PortalTenant {
    return this.data!;
  }

  /** The locale the portal speaks: its `lang`, the nearest `lang` on the page, or German. */
  get locale(): Locale {
    return resolveLocale(this.lang || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#token = loadToken(this.tenant);
    this.#connection = createApi(this.api || defaultEndpoint(), () => this.locale, { fetch: authorizedFetch(() => this.#token) });
    if (this.mode === "offer") this.view = { name: "offer-link" };
    if (this.mode === "reset-password") this.view = { name: "reset" };
    void this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connection?.dispose();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("lang") && this.locale !== getLocale()) void setLocale(this.locale);
  }

  async #start(): Promise<void> {
    if (this.locale !== getLocale()) await setLocale(this.locale);
    if (this.mode === "verify" || this.mode === "confirm-email") {
      const token = linkToken();
      history.replaceState(null, "", location.pathname + location.search);
      const answer = await this.#request<Record<string, Answer>>(this.mode === "verify" ? VERIFY_EMAIL : CONFIRM_EMAIL_CHANGE, { tenant: this.tenant, token }, true);
      const result = answer && Object.values(answer)[0];
      if (result && result.message === undefined) this.status = msg("Vielen Dank! Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.");
      else if (result) this.alert = result.message ?? "";
    }
    if (this.mode === "reset-password") {
      this.#resetToken = linkToken();
      history.replaceState(null, "", location.pathname + location.search);
    }
    await this.#load();
  }

  async #request<T>(document: TypedDocument<T, AnyVariables>, variables: Record<string, unknown>, mutation = false): Promise<T | undefined> {
    try {
      return await request<T>(this.#connection!.client, document, variables, { mutation });
    } catch {
      this.alert = connectionFailed();
      this.#failed = true;
      return undefined;
    }
  }

  async #load(): Promise<void> {
    const result = await this.#request<{ tenant: PortalTenant | null; viewer: Customer }>(PORTAL, { slug: this.tenant });
    if (!result) return;
    if (!result.tenant) {
      this.alert = msg("Dieses Portal ist nicht verfügbar.");
      return;
    }
    if (this.#failed) {
      this.#failed = false;
      this.alert = "";
    }
    this.data = result.tenant;
    const signedIn = result.viewer.kind === "CUSTOMER";
    if (!signedIn && this.#token) {
      // The session ended (idle, signed out elsewhere): sign in again.
      this.#setToken(undefined);
      this.status = msg("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.");
    }
    this.customer = signedIn ? result.viewer : undefined;
  }

  #setToken(token: string | undefined): void {
    this.#token = token;
    saveToken(this.tenant, token);
  }

  // PortalHost

  go(view: View): void {
    this.view = view;
    // Opening the list marks what it shows as read (the badge in the navigation goes).
    if (view.name === "notifications" && this.customer?.notifications?.some((n) => !n.readAt))
      void this.#request(MARK_READ, { tenant: this.tenant }, true).then(() => this.#load());
    this.fieldErrors = {};
    this.alert = "";
    this.status = "";
    this.#focusPending = true;
  }

  campaign(slug: string) {
    return this.data?.campaigns.find((c) => c.slug === slug);
  }

  check(problems: Record<string, string>): boolean {
    this.fieldErrors = problems;
    const first = Object.keys(problems)[0];
    if (first) {
      this.alert = msg("Bitte prüfen Sie Ihre Angaben.");
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus());
    }
    return !first;
  }

  async send(document: TypedDocument<Record<string, Answer>, AnyVariables>, variables: Record<string, unknown>, done: (answer: Answer) => string | void): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.alert = "";
    this.status = "";
    try {
      const result = await this.#request<Record<string, Answer>>(document, variables, true);
      const answer = result && Object.values(result)[0];
      if (!answer) return;
      if (answer.message !== undefined) {
        this.check(answer.field ? { [answer.field === "password" ? "new-password" : answer.field]: answer.message } : {});
        this.alert = answer.message;
        if (answer.code === "CUSTOMER_REQUIRED") this.#setToken(undefined);
      } else {
        this.fieldErrors = {};
        const text = done(answer);
        if (text) this.status = text;
      }
      await this.#load();
    } finally {
      this.busy = false;
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.send(LOGIN, { tenant: this.tenant, email, password }, (answer) => {
      this.#setToken((answer as Answer & { token: string }).token);
      this.go(this.view.name === "campaign" ? this.view : { name: "home" });
      return msg("Sie sind angemeldet.");
    });
  }

  async signOut(): Promise<void> {
    await this.#request(LOGOUT, {}, true);
    this.signedOut();
    this.status = msg("Sie sind abgemeldet.");
  }

  signedOut(): void {
    this.#setToken(undefined);
    this.customer = undefined;
    this.go({ name: "home" });
  }

  #answerLink = (confirm: boolean) =>
    this.send(answerOffer(confirm ? "confirmOffer" : "declineOffer"), { tenant: this.tenant, token: linkToken() }, (answer) => {
      this.linkResult = answer;
      this.#focusPending = true;
      history.replaceState(null, "", location.pathname + location.search);
    });

  // Rendering

  protected override updated(): void {
    if (this.data) {
      const base = this.renderRoot.querySelector<HTMLElement>(".base");
      for (const [name, value] of Object.entries(themeVariables(this.data.theme))) base?.style.setProperty(name, value);
    }
    if (this.#focusPending && this.data) {
      this.#focusPending = false;
      // Not on the first render: the page decides where focus starts.
      if (this.hasUpdated && (this.view.name !== "home" || this.customer || this.status)) this.renderRoot.querySelector<HTMLElement>("#heading")?.focus();
    }
  }

  #viewContent() {
    const view = this.view;
    const campaign = "slug" in view ? this.campaign(view.slug) : undefined;
    switch (view.name) {
      case "register":
        return registerView(this);
      case "registered":
        return registeredView(this, view.email);
      case "forgot":
        return forgotView(this);
      case "reset":
        return resetView(this, this.#resetToken);
      case "profile":
        return this.customer ? profileView(this) : homeView(this);
      case "notifications":
        return this.customer ? notificationsView(this) : homeView(this);
      case "offer-link":
        return offerLinkView(this, this.#answerLink, this.linkResult);
      case "campaign":
        return campaign ? campaignView(this, campaign) : homeView(this);
      case "transparency":
        return campaign ? transparencyView(this, campaign) : homeView(this);
      default:
        return homeView(this);
    }
  }

  protected override render() {
    const current = this.view.name;
    const unread = this.customer?.notifications?.filter((n) => !n.readAt).length ?? 0;
    const tab = (name: "home" | "notifications" | "profile", label: string) =>
      html`<button part="button" aria-current=${current === name ? "page" : nothing} @click=${() => this.go({ name })}>${label}</button>`;
    return html`<div class="base" part="base">
      ${this.customer && current !== "offer-link"
        ? html`<nav class="account" aria-label=${msg("Kundenkonto")}>
            <span>${msg("Angemeldet als")} <strong>${this.customer.name}</strong></span>
            ${tab("home", msg("Übersicht"))}
            ${tab("notifications", unread ? msg(str`Benachrichtigungen (${unread} neu)`) : msg("Benachrichtigungen"))}
            ${tab("profile", msg("Profil"))}
            <button part="button" @click=${() => this.signOut()}>${msg("Abmelden")}</button>
          </nav>`
        : nothing}
      <div role="status" class=${this.status ? "notice" : "vh"}>${this.status}</div>
      <div role="alert" class=${this.alert ? "notice error" : "vh"}>${this.alert}</div>
      ${this.data ? this.#viewContent() : this.alert ? nothing : html`<p>${msg("Wird geladen …")}</p>`}
    </div>`;
  }
}
