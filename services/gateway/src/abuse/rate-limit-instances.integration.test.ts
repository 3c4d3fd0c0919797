/**
 * Issue 16, item 1: with REDIS_URL the rate limits hold across gateway instances — an
 * address cannot get its limit once per instance by spreading its requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { parseTrustProxy } from "../http/client-address.ts";
import { parseRateLimits } from "./rate-limit-policy.ts";

const redisUrl = process.env.TEST_REDIS_URL;
// Needs a real Redis; CI (.ci/run) always provides it. One database target is enough here.
const targets = redisUrl ? testTargets().slice(0, 1) : [];

const READ = /* GraphQL */ `
  query { slots(tenant: "nobody", office: "none", items: [], date: "2030-01-01") { __typename } }
`;

describe.each(targets)("rate limits across two instances sharing Redis ($name)", (target) => {
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    const config = { redisUrl, trustProxy: parseTrustProxy("true"), rateLimits: parseRateLimits("read-ip=3/60") };
    [a, b] = await Promise.all([startHarness(target, config), startHarness(target, config)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("given an address that spent its limit on instance A and B, when it asks either again, then it is refused", async () => {
    // A fresh address per run: the counters outlive the test in Redis for their window.
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}, 192.0.2.${Date.now() % 250}`;
    const ask = (h: Harness) => h.gql(READ, {}, { "x-forwarded-for": address });
    expect((await ask(a)).status).toBe(200);
    expect((await ask(b)).status).toBe(200);
    expect((await ask(a)).status).toBe(200);
    const refused = await ask(b);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect((await ask(a)).status).toBe(429);
  });
});
