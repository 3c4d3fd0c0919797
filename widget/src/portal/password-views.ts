import { msg, str } from "@lit/localize";
import { html, type TemplateResult } from "lit";
import { EMAIL, MIN_PASSWORD } from "./account-views.ts";
import { field, formValues } from "./fields.ts";
import type { PortalHost } from "./host.ts";
import { REQUEST_PASSWORD_RESET, RESET_PASSWORD } from "./portal-api.ts";

/** "Forgot password": a link to set a new one goes to the address (one hour, single use). */
export function forgotView(p: PortalHost): TemplateResult {
  const submit = (event: Event) => {
    const email = formValues(event).get("email");
    if (!p.check(EMAIL.test(email) ? {} : { email: msg("Bitte geben Sie Ihre E-Mail-Adresse an.") })) return;
    void p.send(REQUEST_PASSWORD_RESET, { tenant: p.agency.slug, email }, () =>
      msg("Wenn ein Konto zu dieser Adresse gehört, haben wir einen Link zum Zurücksetzen geschickt. Er gilt eine Stunde."),
    );
  };
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Passwort vergessen")}</h2>
    <form novalidate @submit=${submit}>
      ${field(p, "email", msg("E-Mail-Adresse"), { type: "email", autocomplete: "email" })}
      <div class="actions">
        <button type="button" part="button" @click=${() => p.go({ name: "home" })}>${msg("Zurück zur Anmeldung")}</button>
        <button class="primary" part="button button-primary" ?disabled=${p.busy}>${msg("Link anfordern")}</button>
      </div>
    </form>`;
}

/** The reset mail's link (`/portal/<tenant>/reset-password#token=…`): a new password. */
export function resetView(p: PortalHost, token: string): TemplateResult {
  const submit = (event: Event) => {
    const password = formValues(event).get("new-password");
    if (!p.check(password.length >= MIN_PASSWORD ? {} : { "new-password": msg(str`Das Passwort muss mindestens ${MIN_PASSWORD} Zeichen lang sein.`) })) return;
    void p.send(RESET_PASSWORD, { tenant: p.agency.slug, token, password }, () => {
      p.go({ name: "home" });
      return msg("Ihr neues Passwort gilt. Bitte melden Sie sich an.");
    });
  };
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Neues Passwort festlegen")}</h2>
    <form novalidate @submit=${submit}>
      ${field(p, "new-password", msg("Neues Passwort"), { type: "password", autocomplete: "new-password", hint: msg(str`Mindestens ${MIN_PASSWORD} Zeichen.`) })}
      <div class="actions"><button class="primary" part="button button-primary" ?disabled=${p.busy}>${msg("Passwort speichern")}</button></div>
    </form>`;
}
