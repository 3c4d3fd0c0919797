import { msg, str } from "@lit/localize";
import { html, nothing, type TemplateResult } from "lit";
import { field, formValues } from "./fields.ts";
import type { PortalHost } from "./host.ts";
import { REGISTER } from "./portal-api.ts";

/** Shortest password the gateway accepts (services/gateway customer-accounts.ts). */
export const MIN_PASSWORD = 10;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function signInForm(p: PortalHost): TemplateResult {
  const submit = (event: Event) => {
    const form = formValues(event);
    const email = form.get("email");
    const password = form.get("password");
    const problems: Record<string, string> = {};
    if (!EMAIL.test(email)) problems.email = msg("Bitte geben Sie Ihre E-Mail-Adresse an.");
    if (!password) problems.password = msg("Bitte geben Sie Ihr Passwort an.");
    if (p.check(problems)) void p.signIn(email, password);
  };
  return html`<section aria-labelledby="signin-heading">
    <h3 id="signin-heading">${msg("Anmelden")}</h3>
    <form novalidate @submit=${submit}>
      ${field(p, "email", msg("E-Mail-Adresse"), { type: "email", autocomplete: "email" })}
      ${field(p, "password", msg("Passwort"), { type: "password", autocomplete: "current-password" })}
      <p><button type="button" class="link" part="button" @click=${() => p.go({ name: "forgot" })}>${msg("Passwort vergessen?")}</button></p>
      <div class="actions">
        <button type="button" part="button" @click=${() => p.go({ name: "register" })}>${msg("Neu registrieren")}</button>
        <button class="primary" part="button button-primary" ?disabled=${p.busy}>${msg("Anmelden")}</button>
      </div>
    </form>
  </section>`;
}

export function registerView(p: PortalHost): TemplateResult {
  const submit = (event: Event) => {
    const form = formValues(event);
    const membershipNumber = p.agency.membershipNumberRequired ? form.get("membershipNumber") : undefined;
    const consent = form.all("consent").length > 0;
    const values = { name: form.get("name"), email: form.get("email"), password: form.get("new-password"), membershipNumber, consent };
    const problems: Record<string, string> = {};
    if (!values.name) problems.name = msg("Bitte geben Sie Ihren Namen an.");
    if (membershipNumber === "") problems.membershipNumber = msg("Bitte geben Sie Ihre Mitgliedsnummer an.");
    if (!EMAIL.test(values.email)) problems.email = msg("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.");
    if (values.password.length < MIN_PASSWORD) problems["new-password"] = msg(str`Das Passwort muss mindestens ${MIN_PASSWORD} Zeichen lang sein.`);
    if (!consent) problems.consent = msg("Bitte stimmen Sie der Verarbeitung Ihrer Daten zu.");
    if (!p.check(problems)) return;
    void p.send(REGISTER, { tenant: p.agency.slug, ...values }, () => p.go({ name: "registered", email: values.email }));
  };
  const consentError = p.fieldErrors.consent;
  const privacy = p.agency.privacyUrl;
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Konto anlegen")}</h2>
    <p>${msg("Mit einem Konto stellen Sie Ihre Terminanfrage, sehen Ihr Terminangebot und bestätigen es.")}</p>
    <form novalidate @submit=${submit}>
      ${field(p, "name", msg("Vor- und Nachname"), { autocomplete: "name" })}
      ${p.agency.membershipNumberRequired
        ? field(p, "membershipNumber", msg("Mitgliedsnummer"), { hint: msg("Sie finden sie auf Ihrem Mitgliedsausweis.") })
        : nothing}
      ${field(p, "email", msg("E-Mail-Adresse"), { type: "email", autocomplete: "email", hint: msg("An diese Adresse schicken wir einen Bestätigungslink.") })}
      ${field(p, "new-password", msg("Passwort"), { type: "password", autocomplete: "new-password", hint: msg(str`Mindestens ${MIN_PASSWORD} Zeichen.`) })}
      <p class="check">
        <input type="checkbox" id="consent" name="consent" value="yes" aria-invalid=${consentError ? "true" : "false"} aria-describedby=${consentError ? "consent-error" : nothing} />
        <label for="consent">${msg("Ich bin mit der Verarbeitung meiner Daten für die Terminvergabe einverstanden.")}
          ${privacy ? html`<a href=${privacy} target="_blank" rel="noopener">${msg("Datenschutzhinweise (neues Fenster)")}</a>` : nothing}</label>
      </p>
      ${consentError ? html`<p class="error" id="consent-error">${consentError}</p>` : nothing}
      <div class="actions">
        <button type="button" part="button" @click=${() => p.go({ name: "home" })}>${msg("Zurück zur Anmeldung")}</button>
        <button class="primary" part="button button-primary" ?disabled=${p.busy}>${msg("Konto anlegen")}</button>
      </div>
    </form>`;
}

export function registeredView(p: PortalHost, email: string): TemplateResult {
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Bitte bestätigen Sie Ihre E-Mail-Adresse")}</h2>
    <p>${msg(str`Wir haben eine E-Mail an ${email} geschickt. Öffnen Sie den Link darin, um Ihr Konto freizuschalten; er gilt 24 Stunden.`)}</p>
    <p class="hint">${msg("Keine E-Mail erhalten? Sehen Sie bitte auch im Spam-Ordner nach.")}</p>
    <div class="actions"><button part="button" @click=${() => p.go({ name: "home" })}>${msg("Zur Anmeldung")}</button></div>`;
}
