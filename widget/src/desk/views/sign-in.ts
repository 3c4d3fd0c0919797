import { msg, str } from "@lit/localize";
import { html, type PropertyDeclarations } from "lit";
import { define } from "../../lib/define.ts";
import { STAFF_LOGIN } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { isError } from "../lib/types.ts";

interface LoginResult {
  staffLogin: { __typename: string; code?: string; message?: string; retryAfterSeconds?: number };
}

/**
 * E-mail and password, and "Anmelden mit <provider>" when the agency has single sign-on.
 * Fires `signed-in` once the session cookie is set.
 *
 * @fires signed-in
 */
export class DeskSignIn extends DeskView {
  static override properties: PropertyDeclarations = {
    slug: {},
    sso: {},
    expired: { type: Boolean },
    error: { state: true },
    busy: { state: true },
  };

  declare slug: string;
  declare sso: string;
  /** The session ended while working: say so; the view behind keeps its state. */
  declare expired: boolean;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.error = "";
    this.busy = false;
    this.expired = false;
    this.sso = "";
  }

  focusFirst(): void {
    this.renderRoot.querySelector<HTMLInputElement>("#email")?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = "";
    try {
      const { staffLogin } = await this.client.mutate<LoginResult>(STAFF_LOGIN, {
        tenant: this.slug,
        email: String(data.get("email") ?? ""),
        password: String(data.get("password") ?? ""),
      });
      if (staffLogin.__typename === "StaffSession") {
        (form.querySelector("#password") as HTMLInputElement).value = "";
        this.dispatchEvent(new CustomEvent("signed-in", { bubbles: true, composed: true }));
      } else if (isError(staffLogin as never)) {
        this.error = staffLogin.message ?? msg("Die Anmeldung ist fehlgeschlagen.");
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>("#email")?.focus();
      }
    } catch {
      this.error = msg("Die Verbindung zum Server ist fehlgeschlagen. Bitte versuchen Sie es erneut.");
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const ssoUrl = `/auth/${encodeURIComponent(this.slug)}/oidc/start`;
    return html`
      <h2 id="sign-in-heading" tabindex="-1">${this.expired ? msg("Sitzung abgelaufen – bitte erneut anmelden") : msg("Anmelden")}</h2>
      ${this.expired ? html`<p>${msg("Ihre Eingaben bleiben erhalten. Nach der Anmeldung geht es dort weiter, wo Sie waren.")}</p>` : null}
      <form @submit=${this.submit} aria-labelledby="sign-in-heading">
        <p class="field">
          <label for="email">${msg("E-Mail-Adresse")}</label>
          <input id="email" name="email" type="email" autocomplete="username" required maxlength="254"
            aria-describedby=${this.error ? "sign-in-error" : ""} aria-invalid=${this.error ? "true" : "false"} />
        </p>
        <p class="field">
          <label for="password">${msg("Passwort")}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200" />
        </p>
        <div role="alert" id="sign-in-error">${this.error ? html`<p class="notice error">${this.error}</p>` : null}</div>
        <p><button class="primary" type="submit" ?disabled=${this.busy}>${msg("Anmelden")}</button></p>
      </form>
      ${this.sso
        ? html`<p>${msg("oder")}</p><p><a class="button" href=${ssoUrl}>${msg(str`Anmelden mit ${this.sso}`)}</a></p>`
        : null}
    `;
  }
}

define("tv-desk-sign-in", DeskSignIn);
