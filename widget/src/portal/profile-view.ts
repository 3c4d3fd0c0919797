import { msg, str } from "@lit/localize";
import { html, type TemplateResult } from "lit";
import { EMAIL, MIN_PASSWORD } from "./account-views.ts";
import { field, formValues } from "./fields.ts";
import type { PortalHost } from "./host.ts";
import { CHANGE_EMAIL, CHANGE_PASSWORD, DELETE_ACCOUNT } from "./portal-api.ts";

/** Profile: change the e-mail address (re-verified by a link) or the password; delete the account. */
export function profileView(p: PortalHost): TemplateResult {
  const tenant = p.agency.slug;
  const changeEmail = (event: Event) => {
    const form = formValues(event);
    const newEmail = form.get("new-email");
    const password = form.get("email-password");
    const problems: Record<string, string> = {};
    if (!EMAIL.test(newEmail)) problems["new-email"] = msg("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.");
    if (!password) problems["email-password"] = msg("Bitte geben Sie Ihr Passwort an.");
    if (p.check(problems)) void p.send(CHANGE_EMAIL, { tenant, newEmail, password }, () => msg(str`Bitte bestätigen Sie die neue Adresse mit dem Link, den wir an ${newEmail} geschickt haben. Bis dahin gilt die bisherige.`));
  };
  const changePassword = (event: Event) => {
    const form = formValues(event);
    const currentPassword = form.get("current-password");
    const newPassword = form.get("changed-password");
    const problems: Record<string, string> = {};
    if (!currentPassword) problems["current-password"] = msg("Bitte geben Sie Ihr Passwort an.");
    if (newPassword.length < MIN_PASSWORD) problems["changed-password"] = msg(str`Das Passwort muss mindestens ${MIN_PASSWORD} Zeichen lang sein.`);
    if (p.check(problems)) void p.send(CHANGE_PASSWORD, { tenant, currentPassword, newPassword }, () => msg("Ihr Passwort ist geändert."));
  };
  const remove = (event: Event) => {
    const password = formValues(event).get("delete-password");
    if (p.check(password ? {} : { "delete-password": msg("Bitte geben Sie Ihr Passwort an.") }))
      void p.send(DELETE_ACCOUNT, { tenant, password }, () => {
        p.signedOut();
        return msg("Ihr Konto ist gelöscht.");
      });
  };
  return html`<h2 id="heading" tabindex="-1" part="heading">${msg("Profil")}</h2>
    <dl>
      <dt>${msg("Name")}</dt><dd>${p.customer?.name}</dd>
      <dt>${msg("E-Mail-Adresse")}</dt><dd>${p.customer?.email}</dd>
    </dl>
    <form novalidate @submit=${changeEmail}>
      <fieldset>
        <legend>${msg("E-Mail-Adresse ändern")}</legend>
        ${field(p, "new-email", msg("Neue E-Mail-Adresse"), { type: "email", autocomplete: "email" })}
        ${field(p, "email-password", msg("Ihr Passwort"), { type: "password", autocomplete: "current-password" })}
        <button part="button" ?disabled=${p.busy}>${msg("Adresse ändern")}</button>
      </fieldset>
    </form>
    <form novalidate @submit=${changePassword}>
      <fieldset>
        <legend>${msg("Passwort ändern")}</legend>
        ${field(p, "current-password", msg("Bisheriges Passwort"), { type: "password", autocomplete: "current-password" })}
        ${field(p, "changed-password", msg("Neues Passwort"), { type: "password", autocomplete: "new-password", hint: msg(str`Mindestens ${MIN_PASSWORD} Zeichen.`) })}
        <button part="button" ?disabled=${p.busy}>${msg("Passwort ändern")}</button>
      </fieldset>
    </form>
    <form novalidate @submit=${remove}>
      <fieldset>
        <legend>${msg("Konto löschen")}</legend>
        <p>${msg("Offene Anfragen werden zurückgezogen, Angebote abgelehnt und bestätigte Termine storniert. Danach werden Ihr Konto und Ihre Daten gelöscht. Das lässt sich nicht rückgängig machen.")}</p>
        ${field(p, "delete-password", msg("Ihr Passwort"), { type: "password", autocomplete: "current-password" })}
        <button part="button" ?disabled=${p.busy}>${msg("Konto endgültig löschen")}</button>
      </fieldset>
    </form>`;
}
