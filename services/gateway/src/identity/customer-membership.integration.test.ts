import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

/** Issue 15: where the agency serves members only, registration asks for the membership number. */
const REGISTER = `mutation ($tenant: String!, $email: String!, $number: String) {
  registerCustomer(tenant: $tenant, name: "Mia Mitglied", email: $email, password: "lang-genug-123", membershipNumber: $number, consent: true) {
    __typename ... on CustomerRegistration { email } ... on InputError { code field message }
  }
}`;

describe.each(testTargets())("registration with a membership number ($name)", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target);
  });
  afterAll(async () => h?.close());

  const register = async (tenant: string, email: string, number?: string) =>
    (await h.gql<{ registerCustomer: Record<string, string> }>(REGISTER, { tenant, email, number }, { "accept-language": "de" })).body.data!.registerCustomer;

  it("tells the portal which agency requires it", async () => {
    const answer = await h.gql<{ a: { membershipNumberRequired: boolean }; b: { membershipNumberRequired: boolean } }>(
      `{ a: tenant(slug: "demo-steuerberatung") { membershipNumberRequired } b: tenant(slug: "demo-buergerbuero") { membershipNumberRequired } }`,
    );
    expect(answer.body.data).toEqual({ a: { membershipNumberRequired: true }, b: { membershipNumberRequired: false } });
  });

  it("refuses a registration without it, or with a malformed one, with a translated error on the field", async () => {
    expect(await register("demo-steuerberatung", "ohne@example.org")).toEqual({
      __typename: "InputError",
      code: "MEMBERSHIP_NUMBER_REQUIRED",
      field: "membershipNumber",
      message: "Bitte geben Sie Ihre Mitgliedsnummer an.",
    });
    expect(await register("demo-steuerberatung", "falsch@example.org", "<script>")).toMatchObject({ code: "MEMBERSHIP_NUMBER_INVALID", field: "membershipNumber" });
    const [row] = await h.database.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE email IN ('ohne@example.org', 'falsch@example.org')`);
    expect(row!.n).toBe(0);
  });

  it("stores it, trimmed, with the account; an agency without the requirement needs none", async () => {
    expect(await register("demo-steuerberatung", "mia@example.org", "  AK 2026-4711 ")).toEqual({ __typename: "CustomerRegistration", email: "mia@example.org" });
    const [row] = await h.database.db.sql.query<{ membershipNumber: string }>(`SELECT "membershipNumber" FROM "Customer" WHERE email = 'mia@example.org'`);
    expect(row!.membershipNumber).toBe("AK 2026-4711");
    expect(await register("demo-buergerbuero", "ohne-pflicht@example.org")).toMatchObject({ __typename: "CustomerRegistration" });
  });
});
