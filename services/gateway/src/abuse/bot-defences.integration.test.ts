/**
 * Issue 16, bots and abuse: each defence against what the attacks did — a flood from one
 * address, holds that block a day, a hold extended for half an hour, plus-tagged addresses
 * as "other people", bookings without proof of work, and holds from a foreign page through
 * `Origin: null` or a form post — reproduced through the GraphQL API.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONFIRM, createTinyOffice, HOLD, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { CHALLENGE, type Challenge, solveProofOfWork } from "../../test/proof-of-work-solver.ts";
import { parseTrustProxy } from "../http/client-address.ts";
import { parseProofOfWork } from "./proof-of-work-config.ts";
import { parseRateLimits } from "./rate-limit-policy.ts";

// A day a few days ahead of the real clock: hold lifetimes count from the database's clock.
const DAY = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00Z`).toISOString();

const AVAILABILITY = /* GraphQL */ `
  query ($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
    availability(tenant: $tenant, office: $office, items: $items, from: $from, to: $to) { __typename }
  }
`;
const EXTEND = /* GraphQL */ `
  mutation ($input: HoldTokenInput!) {
    extendHold(input: $input) { __typename ... on Hold { expiresAt latestExpiry } ... on Error { code message } }
  }
`;
const RELEASE = /* GraphQL */ `
  mutation ($input: HoldTokenInput!) { releaseHold(input: $input) }
`;

type Hold = { __typename: string; id: string; token: string; code?: string; message?: string };
type Gql = Harness["gql"];

describe.each(testTargets())("bots and abuse ($name)", (target) => {
  let h: Harness;
  let a: TinyOffice;
  let b: TinyOffice;
  let next = 0;
  /** A fresh client address (behind the trusted proxy, X-Forwarded-For names it). */
  const address = () => `198.51.100.${++next}`;
  const from =
    (ip: string, extra: Record<string, string> = {}): Gql =>
    (query, variables, headers = {}) =>
      h.gql(query, variables, { "x-forwarded-for": ip, ...extra, ...headers });

  async function proof(gql: Gql, tenant: string): Promise<string> {
    const { body } = await gql<{ proofOfWorkChallenge: Challenge }>(CHALLENGE, { tenant });
    return solveProofOfWork(body.data!.proofOfWorkChallenge);
  }
  async function hold(gql: Gql, office: TinyOffice, hhmm: string, proofOfWork?: string | null, serviceId = office.serviceId): Promise<Hold> {
    const pow = proofOfWork === undefined ? await proof(gql, office.tenantSlug) : proofOfWork;
    const input = { tenant: office.tenantSlug, office: office.officeId, items: [{ serviceId, quantity: 1 }], start: at(hhmm), proofOfWork: pow };
    const { body } = await gql<{ holdSlot: Hold }>(HOLD, { input });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.holdSlot;
  }
  async function confirm(gql: Gql, office: TinyOffice, held: Hold, email: string) {
    const input = { holdId: held.id, token: held.token, contact: { name: "Erika Muster", email }, consent: true, proofOfWork: await proof(gql, office.tenantSlug) };
    return (await gql<{ confirmBooking: { __typename: string; code?: string } }>(CONFIRM, { input })).body.data!.confirmBooking;
  }
  const heldCount = async () => (await h.database.db.prisma.booking.count({ where: { status: "HELD" } }));

  beforeAll(async () => {
    h = await startHarness(target, {
      trustProxy: parseTrustProxy("true"),
      rateLimits: parseRateLimits("read-ip=4/60;read-tenant=6/60;booking-ip=20/60"),
      proofOfWork: parseProofOfWork({ POW_COST: "200", POW_TENANT_LOAD: "0" }),
    });
    // 09:00–18:00 UTC-ish on one day, three counters: plenty of starts.
    a = await createTinyOffice(h.database.db, {
      slug: "abuse-a",
      date: DAY,
      until: "18:00",
      counters: 3,
      policy: { holdMinutes: 10, holdMaxMinutes: 20, maxHoldsPerAddress: 2, maxBookingsPerAddressPerHour: 2, maxActiveBookingsPerPerson: 2, minNoticeMinutes: 0 },
    });
    b = await createTinyOffice(h.database.db, { slug: "abuse-b", date: DAY, until: "18:00", counters: 1 });
  });
  afterAll(() => h?.close());

  describe("1. rate limits", () => {
    const read = (gql: Gql, office: TinyOffice, headers: Record<string, string> = {}) =>
      gql(AVAILABILITY, { tenant: office.tenantSlug, office: office.officeId, items: [{ serviceId: office.serviceId, quantity: 1 }], from: DAY, to: DAY }, headers);

    it("given one address past its limit, when it reads again, then 429 with a typed, translated error, Retry-After and RateLimit headers", async () => {
      const gql = from(address());
      for (let i = 0; i < 4; i++) {
        const ok = await read(gql, a);
        expect(ok.status).toBe(200);
        expect(ok.headers.get("ratelimit-remaining")).toBe(String(3 - i));
        expect(ok.headers.get("ratelimit-policy")).toBe("4;w=60");
      }
      const refused = await read(gql, a);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      expect(refused.body.errors?.[0]?.message).toMatch(/Zu viele Anfragen/);
      const english = await read(gql, a, { "accept-language": "en" });
      expect(english.body.errors?.[0]?.message).toMatch(/Too many requests/);
      // Another address is not affected.
      expect((await read(from(address()), b)).status).toBe(200);
    });

    it("given many addresses reading one tenant, when the tenant's limit is spent, then the next address is refused too", async () => {
      // Tenant b had one read above; five more spend its six.
      for (let i = 0; i < 5; i++) expect((await read(from(address()), b)).status).toBe(200);
      const refused = await read(from(address()), b);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", limit: "read-tenant" });
    });

    it("given a client behind the trusted proxy, when it forges hops in front, then the hop the proxy added still counts", async () => {
      const ip = address();
      for (let i = 0; i < 4; i++) await read(from(`10.9.9.${i}, ${ip}`), a);
      expect((await read(from(`10.9.9.99, ${ip}`), a)).status).toBe(429);
    });
  });

  describe("2. holds per address and a hold's total life", () => {
    it("given an address keeping two holds, when it holds a third, then LimitReached; after a release it may hold again", async () => {
      const gql = from(address());
      const first = await hold(gql, a, "09:00");
      const second = await hold(gql, a, "09:30");
      expect([first.__typename, second.__typename]).toEqual(["Hold", "Hold"]);
      const third = await hold(gql, a, "10:00");
      expect(third).toMatchObject({ __typename: "LimitReached", code: "TOO_MANY_HOLDS" });
      expect(third.message).toMatch(/bereits 2 Uhrzeiten reserviert/);
      expect((await hold(from(address()), a, "10:00")).__typename).toBe("Hold");
      expect((await gql<{ releaseHold: boolean }>(RELEASE, { input: { holdId: first.id, token: first.token } })).body.data?.releaseHold).toBe(true);
      expect((await hold(gql, a, "10:30")).__typename).toBe("Hold");
    });

    it("given a burst of parallel holds from one address, then no more than its quota succeed", async () => {
      const gql = from(address());
      const proofs = await Promise.all(Array.from({ length: 6 }, () => proof(gql, a.tenantSlug)));
      const results = await Promise.all(["11:00", "11:30", "12:00", "12:30", "13:00", "13:30"].map((t, i) => hold(gql, a, t, proofs[i])));
      expect(results.filter((r) => r.__typename === "Hold")).toHaveLength(2);
    });

    it("given a 10-minute hold capped at 20, when extended whenever asked, then ten extensions pass and the eleventh is refused at the cap", async () => {
      const held = await hold(from(address()), a, "14:00");
      expect(held.__typename).toBe("Hold");
      let last: { __typename: string; expiresAt?: string; latestExpiry?: string; code?: string } | undefined;
      const expiries: string[] = [];
      for (let i = 0; i < 10; i++) {
        last = (await h.gql<{ extendHold: NonNullable<typeof last> }>(EXTEND, { input: { holdId: held.id, token: held.token } })).body.data!.extendHold;
        expect(last.__typename).toBe("Hold");
        expiries.push(last.expiresAt!);
      }
      expect(new Set(expiries).size).toBe(10);
      expect(last!.expiresAt).toBe(last!.latestExpiry);
      const refused = (await h.gql<{ extendHold: { __typename: string; code: string } }>(EXTEND, { input: { holdId: held.id, token: held.token } })).body.data!.extendHold;
      expect(refused).toMatchObject({ __typename: "LimitReached", code: "HOLD_LIFETIME_REACHED" });
    });
  });

  describe("3. one person behind many addresses, and proof of work", () => {
    it("given plus-tagged variants of one address, when they book past the per-person limit, then they count as one person", async () => {
      // Two concerns, so the second booking is not refused for booking the same concern twice.
      const tries: [string, string, string][] = [
        ["15:00", a.serviceId, "bot+1@example.org"],
        ["15:30", a.secondServiceId, "BOT+2@example.org"],
        ["16:00", a.serviceId, "bot+3@example.org"],
      ];
      const results = [];
      for (const [hhmm, serviceId, email] of tries) {
        const gql = from(address());
        const held = await hold(gql, a, hhmm, undefined, serviceId);
        const confirmed = await confirm(gql, a, held, email);
        results.push(confirmed.code ?? confirmed.__typename);
      }
      expect(results).toEqual(["BookingConfirmation", "BookingConfirmation", "TOO_MANY_ACTIVE_BOOKINGS"]);
    });

    it("given one address with throw-away mailboxes, when it confirms more than its share an hour, then LimitReached", async () => {
      const gql = from(address());
      const mailbox = (i: number) => `throwaway-${i}-${next}@mailinator.example`;
      const first = await hold(gql, a, "08:00");
      expect((await confirm(gql, a, first, mailbox(1))).__typename).toBe("BookingConfirmation");
      // Two more holds while the address is still below its share of two bookings an hour.
      const second = await hold(gql, a, "08:00", undefined, a.secondServiceId);
      const third = await hold(gql, a, "08:30");
      expect([second.__typename, third.__typename]).toEqual(["Hold", "Hold"]);
      expect((await confirm(gql, a, second, mailbox(2))).__typename).toBe("BookingConfirmation");
      expect(await confirm(gql, a, third, mailbox(3))).toMatchObject({ __typename: "LimitReached", code: "TOO_MANY_BOOKINGS_FROM_ADDRESS" });
      // Nor may it hold a time it could only block.
      expect(await hold(gql, a, "09:00")).toMatchObject({ __typename: "LimitReached", code: "TOO_MANY_BOOKINGS_FROM_ADDRESS" });
    });

    it("given a hold or confirmation without a valid proof of work, then it is refused: missing, forged, reused or another agency's", async () => {
      const gql = from(address());
      expect(await hold(gql, a, "16:30", null)).toMatchObject({ __typename: "LimitReached", code: "PROOF_OF_WORK_REQUIRED" });
      const solved = await proof(gql, a.tenantSlug);
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(solved, "base64").toString()), number: -1 })).toString("base64");
      expect((await hold(gql, a, "16:30", forged)).code).toBe("PROOF_OF_WORK_REQUIRED");
      expect((await hold(gql, a, "16:30", await proof(gql, b.tenantSlug))).code).toBe("PROOF_OF_WORK_REQUIRED");
      const held = await hold(gql, a, "16:30", solved);
      expect(held.__typename).toBe("Hold");
      expect((await hold(gql, a, "17:00", solved)).code).toBe("PROOF_OF_WORK_REQUIRED");
      const input = { holdId: held.id, token: held.token, contact: { name: "E M", email: "pow@example.org" }, consent: true };
      expect((await gql<{ confirmBooking: { code: string } }>(CONFIRM, { input })).body.data!.confirmBooking.code).toBe("PROOF_OF_WORK_REQUIRED");
    });

    it("given an address that keeps asking, when past ten challenges an hour, then the cost rises tenfold", async () => {
      const gql = from(address());
      const costs: number[] = [];
      for (let i = 0; i < 11; i++) costs.push((await gql<{ proofOfWorkChallenge: Challenge }>(CHALLENGE, { tenant: b.tenantSlug })).body.data!.proofOfWorkChallenge.maxNumber);
      expect(costs.slice(0, 10).every((c) => c === 200)).toBe(true);
      expect(costs[10]).toBe(2_000);
    });
  });

  describe("8. cross-site requests", () => {
    const holdBody = async () => ({
      query: HOLD,
      variables: { input: { tenant: b.tenantSlug, office: b.officeId, items: [{ serviceId: b.serviceId, quantity: 1 }], start: at("12:00"), proofOfWork: await proof(from(address()), b.tenantSlug) } },
    });

    it("given Origin: null (a sandboxed frame), when it holds a time, then the agency's embed allowlist refuses it", async () => {
      const before = await heldCount();
      const response = await h.gql<{ holdSlot: Hold }>(HOLD, (await holdBody()).variables, { origin: "null", "x-forwarded-for": address() });
      expect(response.body.errors?.[0]?.extensions?.code ?? response.body.data?.holdSlot.__typename).toBe("ORIGIN_NOT_ALLOWED");
      expect(await heldCount()).toBe(before);
    });

    it("given a form post (urlencoded, no preflight), when it holds a time, then it is refused and nothing is held", async () => {
      const before = await heldCount();
      const body = await holdBody();
      const form = new URLSearchParams({ query: body.query, variables: JSON.stringify(body.variables) });
      const plain = await h.yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" }, body: form.toString() });
      expect(plain.status).toBe(403);
      // Even with the custom header (which a page only sends after a preflight), not as a form.
      const headed = await h.yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-graphql-yoga-csrf": "1" }, body: form.toString() });
      expect(headed.status).toBe(415);
      expect(((await headed.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(await heldCount()).toBe(before);
    });

    it("given a multipart form post (no preflight), when it holds a time, then it is refused and nothing is held", async () => {
      const before = await heldCount();
      const form = new FormData();
      form.set("operations", JSON.stringify(await holdBody()));
      form.set("map", "{}");
      const plain = await h.yoga.fetch("http://localhost/graphql", { method: "POST", headers: { origin: "https://evil.example" }, body: form });
      expect(plain.status).toBe(403);
      const headed = await h.yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "x-graphql-yoga-csrf": "1" }, body: form });
      expect(headed.status).toBe(415);
      expect(await heldCount()).toBe(before);
    });

    it("given a GET query, then it needs the custom header; JSON POSTs (always preflighted) do not", async () => {
      const url = `http://localhost/graphql?query=${encodeURIComponent("{ __typename }")}`;
      expect((await h.yoga.fetch(url)).status).toBe(403);
      expect((await h.yoga.fetch(url, { headers: { "x-graphql-yoga-csrf": "1" } })).status).toBe(200);
      expect((await h.gql("{ __typename }")).status).toBe(200);
    });
  });
});
