import { LotteryRepository } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { createTestCampaign } from "../../test/campaign-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

/**
 * A portal customer's account after registration: forgotten password, password change,
 * e-mail change and deletion (GDPR), through GraphQL on PGlite and PostgreSQL.
 */
const TENANT = "konto";
const PASSWORD = "sehr-geheim-123";
let now = new Date("2030-06-12T08:00:00Z");

const LOGIN = `mutation ($email: String!, $password: String!) { customerLogin(tenant: "${TENANT}", email: $email, password: $password, deliverAs: TOKEN) { __typename ... on CustomerSession { token } ... on Error { code } } }`;
const VIEWER = `{ viewer { kind ... on CustomerViewer { email } } }`;

describe.each(testTargets())("a customer's account ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  const sql = () => h.database.db.sql;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const login = async (email: string, password = PASSWORD) => (await h.gql<{ customerLogin: { __typename: string; token: string; code: string } }>(LOGIN, { email, password })).body.data!.customerLogin;
  const viewerOf = async (token: string) => (await h.gql<{ viewer: { kind: string; email?: string } }>(VIEWER, {}, auth(token))).body.data!.viewer;
  const lastLink = async (to: string, kind: string) => {
    const [mail] = await sql().query<{ textBody: string }>(`SELECT "textBody" FROM "MailOutbox" WHERE "toAddress" = $1 AND kind = $2 ORDER BY id DESC LIMIT 1`, [to, kind]);
    return /#token=([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? "")?.[1] ?? null;
  };
  async function register(email: string): Promise<void> {
    await h.gql(`mutation { registerCustomer(tenant: "${TENANT}", name: "Erika Beispiel", email: "${email}", password: "${PASSWORD}", consent: true) { __typename } }`);
    const token = await lastLink(email, "lottery-verify-account");
    await h.gql(`mutation ($t: String!) { verifyCustomerEmail(tenant: "${TENANT}", token: $t) { __typename } }`, { t: token });
  }

  beforeAll(async () => {
    now = new Date("2030-06-12T08:00:00Z");
    h = await startHarness(target, { seedDemo: false }, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, { slug: TENANT, date: "2030-09-02", until: "10:00", counters: 1 });
    await register("erika@example.org");
    await register("max@example.org");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("registers nobody without consent to the privacy notice: typed error on consent, no account, no mail", async () => {
    const ask = (consent: string) =>
      h.gql<{ registerCustomer: { __typename: string; code?: string; field?: string } }>(
        `mutation { registerCustomer(tenant: "${TENANT}", name: "Ohne Zustimmung", email: "ohne@example.org", password: "${PASSWORD}"${consent}) { __typename ... on InputError { code field } } }`,
      );
    for (const consent of ["", ", consent: false"]) {
      expect((await ask(consent)).body.data!.registerCustomer).toEqual({ __typename: "InputError", code: "CONSENT_REQUIRED", field: "consent" });
    }
    expect(await sql().query(`SELECT 1 FROM "Customer" WHERE email = 'ohne@example.org'`, [])).toEqual([]);
    expect(await sql().query(`SELECT 1 FROM "MailOutbox" WHERE "toAddress" = 'ohne@example.org'`, [])).toEqual([]);
  });

  it("resets a forgotten password with a mailed single-use link that lapses after an hour, and ends every session", async () => {
    const before = (await login("erika@example.org")).token;
    const request = `mutation ($email: String!) { requestCustomerPasswordReset(tenant: "${TENANT}", email: $email) { __typename } }`;
    const unknown = await h.gql<{ requestCustomerPasswordReset: { __typename: string } }>(request, { email: "nobody@example.org" });
    expect(unknown.body.data?.requestCustomerPasswordReset.__typename).toBe("CustomerAccountDone");
    expect(await lastLink("nobody@example.org", "lottery-reset-password")).toBeNull();
    await h.gql(request, { email: "Erika@Example.org" });
    const token = (await lastLink("erika@example.org", "lottery-reset-password"))!;
    const [stored] = await sql().query<{ resetTokenHash: string }>(`SELECT "resetTokenHash" FROM "Customer" WHERE email = 'erika@example.org'`);
    expect(stored!.resetTokenHash).not.toContain(token);
    const reset = `mutation ($token: String!, $password: String!) { resetCustomerPassword(tenant: "${TENANT}", token: $token, password: $password) { __typename ... on Error { code } } }`;
    const short = await h.gql<{ resetCustomerPassword: { code: string } }>(reset, { token, password: "kurz" });
    expect(short.body.data?.resetCustomerPassword.code).toBe("PASSWORD_TOO_SHORT");
    const done = await h.gql<{ resetCustomerPassword: { __typename: string } }>(reset, { token, password: "ganz-neues-passwort" });
    expect(done.body.data?.resetCustomerPassword.__typename).toBe("CustomerAccountDone");
    expect((await viewerOf(before)).kind).toBe("ANONYMOUS");
    expect((await login("erika@example.org")).__typename).toBe("InvalidCredentials");
    expect((await login("erika@example.org", "ganz-neues-passwort")).__typename).toBe("CustomerSession");
    const reused = await h.gql<{ resetCustomerPassword: { code: string } }>(reset, { token, password: "noch-ein-passwort" });
    expect(reused.body.data?.resetCustomerPassword.code).toBe("RESET_LINK_INVALID");
    // A link used an hour later is refused.
    await h.gql(request, { email: "erika@example.org" });
    const late = (await lastLink("erika@example.org", "lottery-reset-password"))!;
    now = new Date(now.getTime() + 61 * 60_000);
    const lapsed = await h.gql<{ resetCustomerPassword: { code: string } }>(reset, { token: late, password: PASSWORD });
    expect(lapsed.body.data?.resetCustomerPassword.code).toBe("RESET_LINK_INVALID");
  });

  it("changes the password only with the current one; the customer's other sessions end", async () => {
    const other = (await login("erika@example.org", "ganz-neues-passwort")).token;
    const mine = (await login("erika@example.org", "ganz-neues-passwort")).token;
    const change = `mutation ($current: String!, $next: String!) { changeCustomerPassword(tenant: "${TENANT}", currentPassword: $current, newPassword: $next) { __typename ... on Error { code } } }`;
    const wrong = await h.gql<{ changeCustomerPassword: { __typename: string } }>(change, { current: "falsch-falsch", next: PASSWORD }, auth(mine));
    expect(wrong.body.data?.changeCustomerPassword.__typename).toBe("InvalidCredentials");
    const done = await h.gql<{ changeCustomerPassword: { __typename: string } }>(change, { current: "ganz-neues-passwort", next: PASSWORD }, auth(mine));
    expect(done.body.data?.changeCustomerPassword.__typename).toBe("CustomerAccountDone");
    expect((await viewerOf(mine)).kind).toBe("CUSTOMER");
    expect((await viewerOf(other)).kind).toBe("ANONYMOUS");
    const anonymous = await h.gql(change, { current: PASSWORD, next: PASSWORD });
    expect(anonymous.body.errors?.[0]?.message).toBeTruthy();
  });

  it("changes the e-mail address only once the new one is confirmed by its link", async () => {
    const token = (await login("erika@example.org")).token;
    const request = `mutation ($email: String!, $password: String!) { requestCustomerEmailChange(tenant: "${TENANT}", newEmail: $email, password: $password) { __typename ... on CustomerEmailChange { email } ... on Error { code } } }`;
    const taken = await h.gql<{ requestCustomerEmailChange: { code: string } }>(request, { email: "max@example.org", password: PASSWORD }, auth(token));
    expect(taken.body.data?.requestCustomerEmailChange.code).toBe("EMAIL_TAKEN");
    const wrong = await h.gql<{ requestCustomerEmailChange: { __typename: string } }>(request, { email: "erika.neu@example.org", password: "falsch-falsch" }, auth(token));
    expect(wrong.body.data?.requestCustomerEmailChange.__typename).toBe("InvalidCredentials");
    const asked = await h.gql<{ requestCustomerEmailChange: { email: string } }>(request, { email: "erika.neu@example.org", password: PASSWORD }, auth(token));
    expect(asked.body.data?.requestCustomerEmailChange.email).toBe("erika.neu@example.org");
    // Until the link is followed, the old address stays the account's.
    expect((await login("erika@example.org")).__typename).toBe("CustomerSession");
    const link = (await lastLink("erika.neu@example.org", "lottery-confirm-email-change"))!;
    const confirm = `mutation ($token: String!) { confirmCustomerEmailChange(tenant: "${TENANT}", token: $token) { __typename ... on CustomerEmailChange { email } ... on Error { code } } }`;
    expect((await h.gql<{ confirmCustomerEmailChange: { email: string } }>(confirm, { token: link })).body.data?.confirmCustomerEmailChange.email).toBe("erika.neu@example.org");
    expect((await h.gql<{ confirmCustomerEmailChange: { code: string } }>(confirm, { token: link })).body.data?.confirmCustomerEmailChange.code).toBe("EMAIL_CHANGE_LINK_INVALID");
    expect((await login("erika@example.org")).__typename).toBe("InvalidCredentials");
    expect((await login("erika.neu@example.org")).__typename).toBe("CustomerSession");
  });

  it("deletes an account: withdraws its application, cancels its bookings with notice and erases it — but not while a draw is pending", async () => {
    const repository = new LotteryRepository(h.database.db);
    const campaignId = await createTestCampaign(h.database.db, o, {
      slug: "runde",
      name: { de: "Runde" },
      applicationOpensAt: new Date("2030-06-20T00:00:00Z"),
      applicationClosesAt: new Date("2030-07-01T00:00:00Z"),
      drawAt: new Date("2030-07-01T01:00:00Z"),
      periodFrom: "2030-09-02",
      periodTo: "2030-09-02",
      notifyBy: new Date("2030-07-10T00:00:00Z"),
    });
    const [counter] = await sql().query<{ id: string }>(`SELECT id::text AS id FROM "Counter" WHERE "tenantId" = $1::uuid`, [o.tenantId]);
    await repository.addSlots(o.tenantId, campaignId, [{ counterId: counter!.id, startsAt: new Date("2030-09-02T07:00:00Z"), endsAt: new Date("2030-09-02T07:30:00Z") }]);
    await h.app.services.lottery.publish(o.tenantId, campaignId, "staff:test");
    now = new Date("2030-06-20T08:00:00Z");
    expect(await h.app.services.lottery.advance()).toBe(1);
    const apply = `mutation { applyToCampaign(tenant: "${TENANT}", campaign: "runde") { __typename ... on Error { code } } }`;
    const erika = (await login("erika.neu@example.org")).token;
    const max = (await login("max@example.org")).token;
    expect((await h.gql<{ applyToCampaign: { __typename: string } }>(apply, {}, auth(erika))).body.data?.applyToCampaign.__typename).toBe("Application");
    expect((await h.gql<{ applyToCampaign: { __typename: string } }>(apply, {}, auth(max))).body.data?.applyToCampaign.__typename).toBe("Application");
    const [erikaRow] = await sql().query<{ id: string }>(`SELECT id::text AS id FROM "Customer" WHERE email = 'erika.neu@example.org'`);
    await sql().query(
      `INSERT INTO "Booking" ("tenantId", "officeId", "counterId", reference, status, channel, "startsAt", "endsAt", "contactName", "contactEmail", "emailNormalized", "customerId", "confirmedAt")
       VALUES ($1::uuid, $2::uuid, $3::uuid, 'K0001-KONT', 'CONFIRMED', 'ONLINE', '2030-09-02T07:30:00Z', '2030-09-02T08:00:00Z', 'Erika Beispiel', 'erika.neu@example.org', 'erika.neu@example.org', $4::uuid, now())`,
      [o.tenantId, o.officeId, counter!.id, erikaRow!.id],
    );
    const remove = `mutation ($password: String!) { deleteCustomerAccount(tenant: "${TENANT}", password: $password) { __typename ... on Error { code } } }`;
    expect((await h.gql<{ deleteCustomerAccount: { __typename: string } }>(remove, { password: "falsch-falsch" }, auth(erika))).body.data?.deleteCustomerAccount.__typename).toBe(
      "InvalidCredentials",
    );
    const deleted = await h.gql<{ deleteCustomerAccount: { __typename: string } }>(remove, { password: PASSWORD }, auth(erika));
    expect(deleted.body.data?.deleteCustomerAccount.__typename, JSON.stringify(deleted.body)).toBe("CustomerAccountDone");
    expect((await viewerOf(erika)).kind).toBe("ANONYMOUS");
    expect((await login("erika.neu@example.org")).__typename).toBe("InvalidCredentials");
    expect(await sql().query(`SELECT 1 FROM "Customer" WHERE id = $1::uuid`, [erikaRow!.id])).toHaveLength(0);
    expect(await sql().query(`SELECT 1 FROM "Application" WHERE "customerId" = $1::uuid`, [erikaRow!.id])).toHaveLength(0);
    const [booking] = await sql().query<{ status: string; customerId: string | null }>(`SELECT status::text AS status, "customerId"::text AS "customerId" FROM "Booking" WHERE reference = 'K0001-KONT'`);
    expect(booking).toEqual({ status: "CANCELLED", customerId: null });
    const [notice] = await sql().query<{ textBody: string; icsMethod: string }>(
      `SELECT "textBody", "icsMethod" FROM "MailOutbox" WHERE "toAddress" = 'erika.neu@example.org' AND kind = 'CANCELLATION'`,
    );
    expect(notice?.textBody).toContain("Das Kundenkonto wurde gelöscht.");
    expect(notice?.icsMethod).toBe("CANCEL");
    // Between the window's close and the draw the entry list is fixed: Max must wait for the draw.
    now = new Date("2030-07-01T00:00:00Z");
    expect(await h.app.services.lottery.advance()).toBe(1);
    const max2 = (await login("max@example.org")).token;
    const pending = await h.gql<{ deleteCustomerAccount: { code: string } }>(remove, { password: PASSWORD }, auth(max2));
    expect(pending.body.data?.deleteCustomerAccount.code).toBe("DRAW_PENDING");
    expect((await login("max@example.org")).__typename).toBe("CustomerSession");
  });
});
