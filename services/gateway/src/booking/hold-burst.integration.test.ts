import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, HOLD } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

const NOW = new Date("2030-03-01T08:00:00Z");
const DAY = "2030-03-04";
/** 09:00, 09:10 and 09:20 Berlin time: three starts of a 30-minute concern that all overlap. */
const STARTS = ["2030-03-04T08:00:00.000Z", "2030-03-04T08:10:00.000Z", "2030-03-04T08:20:00.000Z"];
const BURST = 200;
const ROUNDS = 20;
const COUNTERS = 2;

type HoldAnswer = { holdSlot: { __typename: string; code?: string } };

/**
 * Concurrent holds on overlapping but different starts of one counter used to deadlock
 * inside PostgreSQL's exclusion-constraint check (each insert waits for the other's
 * uncommitted row). Each round is a fresh office; odd rounds warm the day's cache first.
 */
describe.each(testTargets().filter((t) => t.name === "postgres"))("hold burst on overlapping starts ($name)", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => NOW, jobs: false });
  });
  afterAll(async () => h?.close());

  it(`${ROUNDS} rounds of ${BURST} concurrent holds: winners = capacity, no untyped error, no deadlock, ready throughout`, async () => {
    const deadlocksBefore = await deadlocks(h);
    for (let round = 0; round < ROUNDS; round++) {
      const office = await createTinyOffice(h.database.db, {
        slug: `burst-${round}`,
        date: DAY,
        until: "09:50",
        counters: COUNTERS,
        policy: { slotGridMinutes: 10 },
      });
      const input = (start: string) => ({
        input: { tenant: office.tenantSlug, office: office.officeId, items: [{ serviceId: office.serviceId, quantity: 1 }], start },
      });
      if (round % 2 === 1) {
        const warm = await h.gql(`query ($t: String!, $o: String!, $s: ID!) { slots(tenant: $t, office: $o, date: "${DAY}", items: [{ serviceId: $s, quantity: 1 }]) { __typename } }`, {
          t: office.tenantSlug,
          o: office.officeId,
          s: office.serviceId,
        });
        expect(warm.status).toBe(200);
      }
      let readyFailures = 0;
      let probing = true;
      const probe = (async () => {
        while (probing) {
          const ready = await h.yoga.fetch("http://localhost/readyz");
          if (ready.status !== 200) readyFailures++;
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => h.gql<HoldAnswer>(HOLD, input(STARTS[i % STARTS.length]!))));
      probing = false;
      await probe;
      const kinds = answers.map((a) => a.body.data?.holdSlot?.__typename ?? `untyped:${a.status}:${a.body.errors?.[0]?.message}`);
      const untyped = kinds.filter((k) => k.startsWith("untyped"));
      expect(untyped, `round ${round}`).toEqual([]);
      expect(kinds.filter((k) => k === "Hold").length, `round ${round}`).toBe(COUNTERS);
      expect(kinds.filter((k) => k === "SlotUnavailable").length, `round ${round}`).toBe(BURST - COUNTERS);
      expect(readyFailures, `round ${round}`).toBe(0);
      const held = await h.database.db.prisma.booking.count({ where: { tenantId: office.tenantId, status: "HELD" } });
      expect(held).toBe(COUNTERS);
    }
    expect(await deadlocks(h)).toBe(deadlocksBefore);
  }, 600_000);
});

async function deadlocks(h: Harness): Promise<number> {
  const [row] = await h.database.db.sql.query<{ deadlocks: string }>(
    "SELECT deadlocks::text AS deadlocks FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(row?.deadlocks ?? 0);
}
