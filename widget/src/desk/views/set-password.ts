import { msg } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { define } from "../../lib/define.ts";
import { ACCEPT_INVITATION } from "../lib/documents.ts";
import { DeskView } from "../lib/desk-view.ts";
import { isError } from "../lib/types.ts";

const MIN_LENGTH = 10;

/**
 * The invitation mail's link (/desk/<tenant>/set-password#token=…): the invited colleague
 * chooses a password, then signs in. Fires `password-set`.
 *
 * @fires password-set
 */
export class DeskSetPassword extends DeskView {
  static override properties: PropertyDeclarations = { slug: {}, token: {}, error: { state: true } };

  declare slug: string;
  declare token: string;
  declare error: string;

  constructor() {
    super();
    this.error = "";
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const password = String(data.get("new-password") ?? "");
    if (password.length < MIN_LENGTH) {
      this.error = msg("Das Passwort muss mindestens 10 Zeichen lang sein.");
    } else if (password !== String(data.get("repeat") ?? "")) {
      this.error = msg("Die beiden Passwörter stimmen nicht überein.");
    } else {
      const { acceptStaffInvitation } = await this.client.mutate<{ acceptStaffInvitation: { __typename: string; message?: string } }>(ACCEPT_INVITATION, {
        tenant: this.slug,
        token: this.token,
        password,
      });
      if (!isError(acceptStaffInvitation as never)) {
        this.dispatchEvent(new CustomEvent("password-set", { bubbles: true, composed: true }));
        return;
      }
      this.error = acceptStaffInvitation.message ?? "";
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#new-password")?.focus();
  }

  override render() {
    return html`
      <h2 tabindex="-1">${msg("Passwort festlegen")}</h2>
      <p>${msg("Sie wurden zum Arbeitsplatz eingeladen. Wählen Sie ein Passwort mit mindestens 10 Zeichen.")}</p>
      <form @submit=${this.submit}>
        <p class="field"><label for="new-password">${msg("Neues Passwort")}</label>
          <input id="new-password" name="new-password" type="password" autocomplete="new-password" required minlength="10" maxlength="200"
            aria-invalid=${this.error ? "true" : "false"} aria-describedby=${this.error ? "password-error" : nothing} /></p>
        <p class="field"><label for="repeat">${msg("Passwort wiederholen")}</label>
          <input id="repeat" name="repeat" type="password" autocomplete="new-password" required maxlength="200" /></p>
        <div role="alert" id="password-error">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>
        <p><button class="primary" type="submit">${msg("Passwort speichern")}</button></p>
      </form>
    `;
  }
}

define("tv-desk-set-password", DeskSetPassword);
