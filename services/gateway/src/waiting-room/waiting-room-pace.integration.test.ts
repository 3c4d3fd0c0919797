import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { ENTER_WAITING_ROOM as ENTER, type EnteredRoom, HOLD_WITH_TICKET as HOLD, type RoomStatus as Status, WAITING_ROOM_STATUS as STATUS } from "../../test/waiting-room-fixture.ts";

const RELEASE = new Date("2030-05-01T07:00:00Z");
const NEXT_RELEASE = "2030-06-01T07:00:00.000Z";
let now = new Date("2030-05-01T06:50:00Z");
const DAY = "2030-05-06";

describe.each(testTargets())("the waiting room paces admission and tells when the release is sold out ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    // Two starts in all (09:00 and 09:30 on one counter); 10 citizens admitted per second.
    o = await createTinyOffice(h.database.db, {
      slug: "paced-release",
      date: DAY,
      until: "10:00",
      counters: 1,
      policy: { releaseAt: RELEASE.toISOString(), nextReleaseAt: NEXT_RELEASE, waitingRoomAdmitPerSecond: 10, maxHoldsPerAddress: 0 },
    });
  });
  afterAll(async () => h?.close());

  const enter = async () => (await h.gql<{ enterWaitingRoom: EnteredRoom }>(ENTER, { tenant: o.tenantSlug })).body.data!.enterWaitingRoom;
  const status = async (ticket: string) => (await h.gql<{ waitingRoomStatus: Status }>(STATUS, { tenant: o.tenantSlug, ticket })).body.data!.waitingRoomStatus;
  const hold = async (start: string, ticket: string) =>
    (
      await h.gql<{ holdSlot: { __typename: string; code?: string } }>(HOLD, {
        input: { tenant: o.tenantSlug, office: o.officeId, items: [{ serviceId: o.serviceId, quantity: 1 }], start, waitingRoomTicket: ticket },
      })
    ).body.data!.holdSlot;
  const room = async () =>
    (
      await h.gql<{ tenant: { waitingRoom: { phase: string; admitPerSecond: number; soldOut: boolean; nextReleaseAt: string | null } | null } }>(
        `query ($s: String!) { tenant(slug: $s) { waitingRoom { phase admitPerSecond soldOut nextReleaseAt } } }`,
        { s: o.tenantSlug },
      )
    ).body.data!.tenant.waitingRoom;

  it("admits 50 tickets drawn before the release over 5 s at 10 per second, queues a late one behind them, and stops once nothing is free", async () => {
    now = new Date("2030-05-01T06:50:00Z");
    const drawn: EnteredRoom[] = [];
    for (let i = 0; i < 50; i++) drawn.push(await enter());
    expect(drawn.every((t) => t.__typename === "WaitingRoomTicket" && !t.admitAtFinal)).toBe(true);
    // Nobody is told to ask before the release: the earliest possible time only grows with the queue.
    expect(drawn.every((t) => t.pollAfterSeconds! >= 600)).toBe(true);
    expect(await room()).toEqual({ phase: "WAITING", admitPerSecond: 10, soldOut: false, nextReleaseAt: NEXT_RELEASE });

    now = new Date("2030-05-01T07:00:01Z"); // one second after the release
    const statuses = await Promise.all(drawn.map((t) => status(t.ticket)));
    const times = statuses.map((s) => new Date(s.admitAt!).getTime() - RELEASE.getTime());
    expect(statuses.every((s) => s.admitAtFinal)).toBe(true);
    // Paced: all within the 5 s that 50 tickets take at 10 per second, in the order of their lots.
    expect(Math.max(...times)).toBeLessThan(5_000);
    expect(new Set(times).size).toBeGreaterThan(40);
    const waiting = statuses.filter((s) => s.state === "WAITING");
    expect(statuses.filter((s) => s.state === "ADMITTED").length + waiting.length).toBe(50);
    // Whoever still waits is told when to ask again: never after their own turn.
    for (const s of waiting) expect(now.getTime() + s.pollAfterSeconds! * 1000).toBeLessThanOrEqual(new Date(s.admitAt!).getTime() + 1_000);

    // Someone coming after the release queues behind the 50.
    const late = await enter();
    expect(late).toMatchObject({ __typename: "WaitingRoomTicket", admitAtFinal: true });
    expect(new Date(late.admitAt).getTime()).toBeGreaterThanOrEqual(RELEASE.getTime() + 5_000);

    const last = drawn[times.indexOf(Math.max(...times))]!;
    const first = drawn[times.indexOf(Math.min(...times))]!;
    const start = (time: string) => new Date(`${DAY}T${time}:00+02:00`).toISOString();
    expect(await hold(start("09:00"), last.ticket)).toMatchObject({ __typename: "WaitingRoomRequired", code: "NOT_YET_ADMITTED" });

    now = new Date("2030-05-01T07:00:05Z"); // every drawn ticket is admitted: both starts are taken
    expect(await hold(start("09:00"), first.ticket)).toMatchObject({ __typename: "Hold" });
    expect(await hold(start("09:30"), last.ticket)).toMatchObject({ __typename: "Hold" });

    // The snapshot shows no free start within its staleness bound (≤ 1 s): the room says so.
    let told: Status | undefined;
    for (let i = 0; i < 50 && told?.state !== "SOLD_OUT"; i++) {
      now = new Date(now.getTime() + 1_100);
      told = await status(late.ticket);
      if (told.state !== "SOLD_OUT") await new Promise((r) => setTimeout(r, 100));
    }
    expect(told).toMatchObject({ state: "SOLD_OUT", pollAfterSeconds: null, nextReleaseAt: NEXT_RELEASE });
    expect(await status(drawn[1]!.ticket)).toMatchObject({ state: "SOLD_OUT", nextReleaseAt: NEXT_RELEASE });
    expect(await room()).toMatchObject({ phase: "ADMITTING", soldOut: true, nextReleaseAt: NEXT_RELEASE });
    const refused = await enter();
    expect(refused).toMatchObject({ __typename: "InputError", code: "RELEASE_SOLD_OUT", message: "Alle Termine dieser Freigabe sind vergeben." });
    expect((await status("no-such-ticket")).code).toBe("WAITING_ROOM_TICKET_UNKNOWN");
  });
});
