import { DEMO_PASSWORD, hashPassword, hashToken } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

let now = new Date("2030-03-01T08:00:00Z");
const LOGIN = `mutation ($tenant: String!, $email: String!, $password: String!) { staffLogin(tenant: $tenant, email: $email, password: $password, deliverAs: TOKEN) { __typename ... on StaffSession { token } ... on Error { code } } }`;
const INVITE = `mutation ($t: String!, $email: String!, $name: String!, $role: StaffRole!) {
  inviteStaffUser(tenant: $t, email: $email, name: $name, role: $role) { __typename ... on StaffUser { id email role active invitationPending } ... on InputError { code field message } }
}`;
const ACCEPT = `mutation ($t: String!, $token: String!, $password: String!) {
  acceptStaffInvitation(tenant: $t, token: $token, password: $password) { __typename ... on AcceptedInvitation { email name } ... on InputError { code field message } }
}`;
const WHO = `{ viewer { kind ... on StaffViewer { roles user { email } } } }`;

describe.each(testTargets())("staff users: invitation by e-mail, role change, deactivation ($name)", (target) => {
  let h: Harness;
  let tenantId: string;
  const slug = `invite-${target.name}`;
  let admin: Record<string, string>;

  const login = async (email: string, password = DEMO_PASSWORD) => {
    const { body } = await h.gql<{ staffLogin: { __typename: string; token?: string; code?: string } }>(LOGIN, { tenant: slug, email, password });
    return body.data!.staffLogin;
  };
  /** The set-password link of the latest invitation mail to `to`, and the mail. */
  const invitationMail = async (to: string) => {
    const mail = await h.database.db.prisma.mailOutbox.findFirstOrThrow({ where: { tenantId, toAddress: to, kind: "staff-invitation" }, orderBy: { createdAt: "desc" } });
    const token = /set-password#token=([A-Za-z0-9_-]+)/.exec(mail.textBody)?.[1];
    if (!token) throw new Error(`no link in ${mail.textBody}`);
    return { mail, token };
  };

  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    const tenant = await h.database.db.prisma.tenant.create({ data: { slug, name: { de: "Bürgeramt Einladung", en: "Citizens' office" } } });
    tenantId = tenant.id;
    await h.database.db.prisma.staffUser.create({ data: { tenantId, email: "chefin@invite.example", name: "Clara Chefin", role: "ADMIN", passwordHash: await hashPassword(DEMO_PASSWORD) } });
    admin = { authorization: `Bearer ${(await login("chefin@invite.example")).token}` };
  });
  afterAll(async () => h?.close());

  it("invites a clerk: the account exists without a password, the mail carries a single-use link whose token is stored only hashed; the link sets the password once", async () => {
    const invited = await h.gql<{ inviteStaffUser: Record<string, unknown> }>(INVITE, { t: slug, email: "neu@invite.example", name: "Nora Neu", role: "CLERK" }, admin);
    expect(invited.body.data!.inviteStaffUser).toMatchObject({ __typename: "StaffUser", email: "neu@invite.example", role: "CLERK", active: true, invitationPending: true });
    const { mail, token } = await invitationMail("neu@invite.example");
    expect(mail.subject).toBe("Einladung zur Terminvergabe – Bürgeramt Einladung");
    expect(mail.textBody).toContain("Clara Chefin hat Sie als Sachbearbeitung");
    expect(mail.textBody).toContain(`/desk/${slug}/set-password#token=`);
    const row = await h.database.db.prisma.staffUser.findFirstOrThrow({ where: { tenantId, email: "neu@invite.example" } });
    expect(row.passwordHash).toBeNull();
    expect(row.inviteTokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.inviteExpiresAt!.getTime() - now.getTime()).toBe(72 * 3_600_000);

    expect((await login("neu@invite.example", "irgendein-passwort")).code).toBe("INVALID_CREDENTIALS");
    const short = await h.gql<{ acceptStaffInvitation: Record<string, string> }>(ACCEPT, { t: slug, token, password: "kurz" });
    expect(short.body.data!.acceptStaffInvitation).toMatchObject({ code: "PASSWORD_TOO_SHORT", field: "password" });
    const accepted = await h.gql<{ acceptStaffInvitation: Record<string, string> }>(ACCEPT, { t: slug, token, password: "ein-langes-passwort" });
    expect(accepted.body.data!.acceptStaffInvitation).toEqual({ __typename: "AcceptedInvitation", email: "neu@invite.example", name: "Nora Neu" });
    const again = await h.gql<{ acceptStaffInvitation: Record<string, string> }>(ACCEPT, { t: slug, token, password: "noch-ein-passwort" }, { "accept-language": "en" });
    expect(again.body.data!.acceptStaffInvitation).toMatchObject({ code: "INVITATION_LINK_INVALID", field: "token", message: expect.stringMatching(/^This invitation link is invalid/) });
    const otherTenant = await h.gql<{ acceptStaffInvitation: Record<string, string> }>(ACCEPT, { t: "demo-buergerbuero", token, password: "ein-langes-passwort" });
    expect(otherTenant.body.data!.acceptStaffInvitation).toMatchObject({ code: "INVITATION_LINK_INVALID" });

    const session = await login("neu@invite.example", "ein-langes-passwort");
    expect(session.__typename).toBe("StaffSession");
    const who = await h.gql<{ viewer: { roles: string[] } }>(WHO, {}, { authorization: `Bearer ${session.token}` });
    expect(who.body.data!.viewer.roles).toEqual(["CLERK"]);
    const audit = await h.database.db.prisma.auditLog.findMany({ where: { tenantId, entityId: row.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["staffUser.invited", "staffUser.passwordSet", "session.signed_in"]);
  });

  it("refuses an address that has an account, renews an unused invitation, and lets a lapsed link fail", async () => {
    const taken = await h.gql<{ inviteStaffUser: Record<string, string> }>(INVITE, { t: slug, email: "CHEFIN@invite.example", name: "X", role: "CLERK" }, admin);
    expect(taken.body.data!.inviteStaffUser).toMatchObject({ code: "STAFF_EMAIL_TAKEN", field: "email" });
    const bad = await h.gql<{ inviteStaffUser: Record<string, string> }>(INVITE, { t: slug, email: "kein-at-zeichen", name: "X", role: "CLERK" }, admin);
    expect(bad.body.data!.inviteStaffUser).toMatchObject({ code: "EMAIL_INVALID", field: "email" });

    await h.gql(INVITE, { t: slug, email: "spaet@invite.example", name: "Sven Spät", role: "CLERK" }, admin);
    const first = await invitationMail("spaet@invite.example");
    now = new Date(now.getTime() + 1000);
    const renewed = await h.gql<{ inviteStaffUser: Record<string, unknown> }>(INVITE, { t: slug, email: "spaet@invite.example", name: "Sven Spät", role: "ADMIN" }, admin);
    expect(renewed.body.data!.inviteStaffUser).toMatchObject({ role: "ADMIN", invitationPending: true });
    const second = await invitationMail("spaet@invite.example");
    expect(second.token).not.toBe(first.token);
    // The first link was replaced by the second.
    expect((await h.gql<{ acceptStaffInvitation: Record<string, string> }>(ACCEPT, { t: slug, token: first.token, password: "ein-langes-passwort" })).body.data!.acceptStaffInvitation.code).toBe(
      "INVITATION_LINK_INVALID",
    );
    now = new Date(now.getTime() + 73 * 3_600_000);
    expect((await h.gql<{ acceptStaffInvitation: Record<string, string> }>(ACCEPT, { t: slug, token: second.token, password: "ein-langes-passwort" })).body.data!.acceptStaffInvitation.code).toBe(
      "INVITATION_LINK_INVALID",
    );
    admin = { authorization: `Bearer ${(await login("chefin@invite.example")).token}` };
  });

  it("an admin promotes and then deactivates a colleague: the colleague's session ends at once and sign-in is refused", async () => {
    const user = await h.database.db.prisma.staffUser.findFirstOrThrow({ where: { tenantId, email: "neu@invite.example" } });
    const session = await login("neu@invite.example", "ein-langes-passwort");
    const colleague = { authorization: `Bearer ${session.token}` };
    const UPDATE = `mutation ($t: String!, $u: ID!, $role: StaffRole, $active: Boolean) { updateStaffUser(tenant: $t, user: $u, role: $role, active: $active) { __typename ... on StaffUser { role active } ... on Error { code } } }`;
    expect((await h.gql<{ updateStaffUser: unknown }>(UPDATE, { t: slug, u: user.id, role: "ADMIN" }, admin)).body.data!.updateStaffUser).toEqual({ __typename: "StaffUser", role: "ADMIN", active: true });
    expect((await h.gql<{ viewer: { roles: string[] } }>(WHO, {}, colleague)).body.data!.viewer.roles).toEqual(["ADMIN", "CLERK"]);
    const list = await h.gql<{ staffUsers: { email: string; invitationPending: boolean }[] }>(`query ($t: String!) { staffUsers(tenant: $t) { email invitationPending } }`, { t: slug }, admin);
    expect(list.body.data!.staffUsers).toEqual(
      expect.arrayContaining([{ email: "neu@invite.example", invitationPending: false }, { email: "spaet@invite.example", invitationPending: true }]),
    );

    expect((await h.gql<{ updateStaffUser: unknown }>(UPDATE, { t: slug, u: user.id, active: false }, admin)).body.data!.updateStaffUser).toEqual({ __typename: "StaffUser", role: "ADMIN", active: false });
    expect((await h.gql<{ viewer: { kind: string } }>(WHO, {}, colleague)).body.data!.viewer.kind).toBe("ANONYMOUS");
    expect(await h.database.db.prisma.session.count({ where: { staffUserId: user.id } })).toBe(0);
    expect((await login("neu@invite.example", "ein-langes-passwort")).code).toBe("INVALID_CREDENTIALS");
  });
});
