import { DEMO_PASSWORD } from "@terminvergabe/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { sessionExpiryTask } from "../jobs/session-expiry.ts";

let now = new Date("2030-03-01T08:00:00Z");

describe.each(testTargets())("session retention ($name)", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
  });
  afterAll(async () => h?.close());

  it("deletes idle and expired sessions and abandoned sign-in flows, and keeps live ones", async () => {
    const login = (email: string) =>
      h.gql<{ staffLogin: { token: string } }>(
        `mutation { staffLogin(tenant: "demo-steuerberatung", email: "${email}", password: "${DEMO_PASSWORD}", deliverAs: TOKEN) { ... on StaffSession { token } } }`,
      );
    const prisma = h.app.services.db.prisma;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { slug: "demo-steuerberatung" } });
    await login("steuerberatung.admin@example.org");
    await prisma.oidcLoginState.create({
      data: { stateHash: "abandoned", tenantId: tenant.id, nonce: "n", codeVerifier: "v", expiresAt: new Date(now.getTime() + 600_000) },
    });
    now = new Date(now.getTime() + 31 * 60_000);
    const live = (await login("steuerberatung.team@example.org")).body.data!.staffLogin.token;
    expect(await prisma.session.count()).toBe(2);
    await sessionExpiryTask(h.app.services, null).run({} as never);
    expect(await prisma.session.count()).toBe(1);
    expect(await prisma.oidcLoginState.count()).toBe(0);
    const { body } = await h.gql(`{ viewer { kind } }`, {}, { authorization: `Bearer ${live}` });
    expect(body).toEqual({ data: { viewer: { kind: "STAFF" } } });
  });
});
