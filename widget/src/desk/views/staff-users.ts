import { msg, str } from "@lit/localize";
import { html, nothing, type PropertyDeclarations } from "lit";
import { define } from "../../lib/define.ts";
import { INVITE_STAFF, STAFF_USERS, UPDATE_STAFF_USER } from "../lib/documents.ts";
import { DeskEditView } from "../lib/desk-edit-view.ts";
import { isError, type Role } from "../lib/types.ts";

interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  singleSignOn: boolean;
}

/** Admins change a colleague's role or deactivate them. */
export class DeskStaffUsers extends DeskEditView {
  static override properties: PropertyDeclarations = { users: { state: true } };

  declare users: StaffUser[] | undefined;

  protected override async load(): Promise<void> {
    const { tenant } = await this.client.query<{ tenant: { staff: StaffUser[] } | null }>(STAFF_USERS, { slug: this.tenant.slug });
    this.users = tenant?.staff ?? [];
  }

  private async change(user: StaffUser, change: { role?: Role; active?: boolean }): Promise<void> {
    const { updateStaffUser } = await this.client.mutate<{ updateStaffUser: { __typename: string; message?: string } & Partial<StaffUser> }>(
      UPDATE_STAFF_USER,
      { tenant: this.tenant.slug, user: user.id, ...change },
    );
    if (isError(updateStaffUser as never)) {
      this.error = updateStaffUser.message ?? "";
      return;
    }
    this.error = "";
    this.users = this.users?.map((u) => (u.id === user.id ? (updateStaffUser as StaffUser) : u));
    this.announcement = msg(str`${user.name}: gespeichert.`);
  }

  private async invite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const { inviteStaffUser } = await this.client.mutate<{ inviteStaffUser: { __typename: string; message?: string } & Partial<StaffUser> }>(INVITE_STAFF, {
      tenant: this.tenant.slug,
      name: String(data.get("name") ?? "").trim(),
      email: String(data.get("email") ?? "").trim(),
      role: String(data.get("role") ?? "CLERK"),
    });
    if (isError(inviteStaffUser as never)) {
      this.error = inviteStaffUser.message ?? "";
      return;
    }
    const user = inviteStaffUser as StaffUser;
    this.error = "";
    this.users = [...(this.users ?? []).filter((u) => u.id !== user.id), user];
    this.announcement = msg(str`Einladung an ${user.email} ist unterwegs.`);
    form.reset();
  }

  override render() {
    return html`
      <h2 tabindex="-1">${msg("Mitarbeitende")}</h2>
      ${this.feedback()}
      ${this.users
        ? html`<table>
            <caption>${msg("Mitarbeitende der Behörde")}</caption>
            <thead><tr><th scope="col">${msg("Name")}</th><th scope="col">${msg("E-Mail")}</th><th scope="col">${msg("Rolle")}</th><th scope="col">${msg("Aktiv")}</th></tr></thead>
            <tbody>${this.users.map(
              (u) => html`<tr>
                <td>${u.name}${u.singleSignOn ? html` <span class="badge">SSO</span>` : nothing}</td>
                <td>${u.email}</td>
                <td><select aria-label=${msg(str`Rolle von ${u.name}`)} @change=${(e: Event) => this.change(u, { role: (e.target as HTMLSelectElement).value as Role })}>
                  <option value="CLERK" ?selected=${u.role === "CLERK"}>${msg("Sachbearbeitung")}</option>
                  <option value="ADMIN" ?selected=${u.role === "ADMIN"}>${msg("Verwaltung (Admin)")}</option>
                </select></td>
                <td><input type="checkbox" aria-label=${msg(str`${u.name} aktiv`)} .checked=${u.active}
                  @change=${(e: Event) => this.change(u, { active: (e.target as HTMLInputElement).checked })} /></td>
              </tr>`,
            )}</tbody>
          </table>`
        : html`<p>${msg("Wird geladen …")}</p>`}
      <form @submit=${this.invite} aria-labelledby="invite-heading">
        <h3 id="invite-heading">${msg("Kollegin oder Kollegen einladen")}</h3>
        <div class="row">
          <label>${msg("Name")}<input name="name" required maxlength="200" autocomplete="off" /></label>
          <label>${msg("E-Mail")}<input name="email" type="email" required maxlength="254" autocomplete="off" /></label>
          <label>${msg("Rolle")}<select name="role"><option value="CLERK">${msg("Sachbearbeitung")}</option><option value="ADMIN">${msg("Verwaltung (Admin)")}</option></select></label>
          <button type="submit">${msg("Einladen")}</button>
        </div>
      </form>
    `;
  }
}

define("tv-desk-staff-users", DeskStaffUsers);
