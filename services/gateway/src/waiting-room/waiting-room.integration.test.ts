import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTinyOffice, type TinyOffice } from "../../test/booking-fixture.ts";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { ENTER_WAITING_ROOM as ENTER, type EnteredRoom, HOLD_WITH_TICKET as HOLD, type RoomStatus as Status, WAITING_ROOM_STATUS as STATUS } from "../../test/waiting-room-fixture.ts";

const RELEASE = new Date("2030-03-01T07:00:00Z");
let now = new Date("2030-03-01T06:40:00Z");
const DAY = "2030-03-04";

type Ticket = { enterWaitingRoom: EnteredRoom };
type Held = { holdSlot: { __typename: string; code?: string; admitAt?: string | null } };

describe.each(testTargets())("the fair waiting room of an announced release ($name)", (target) => {
  let h: Harness;
  let o: TinyOffice;
  beforeAll(async () => {
    h = await startHarness(target, {}, { clock: () => now, jobs: false });
    o = await createTinyOffice(h.database.db, {
      slug: "release",
      date: DAY,
      until: "12:00",
      counters: 2,
      policy: { releaseAt: RELEASE.toISOString(), waitingRoomOpensMinutes: 15, waitingRoomAdmitPerSecond: 40 },
    });
  });
  afterAll(async () => h?.close());

  const status = async (ticket: string) =>
    (await h.gql<{ waitingRoomStatus: Status }>(STATUS, { tenant: o.tenantSlug, ticket })).body.data!.waitingRoomStatus;
  const hold = (start: string, ticket?: string) =>
    h.gql<Held>(HOLD, {
      input: { tenant: o.tenantSlug, office: o.officeId, items: [{ serviceId: o.serviceId, quantity: 1 }], start, ...(ticket ? { waitingRoomTicket: ticket } : {}) },
    });

  it("announces the release, hands out tickets with random lots, and admits holds by their paced admission times", async () => {
    now = new Date("2030-03-01T06:40:00Z"); // before the room opens
    const early = (await h.gql<Ticket>(ENTER, { tenant: o.tenantSlug })).body.data!.enterWaitingRoom;
    expect(early).toMatchObject({ __typename: "InputError", code: "WAITING_ROOM_NOT_OPEN" });
    const announced = await h.gql<{ tenant: { waitingRoom: { phase: string; releaseAt: string; opensAt: string } } }>(
      `query ($s: String!) { tenant(slug: $s) { waitingRoom { phase releaseAt opensAt } } }`,
      { s: o.tenantSlug },
    );
    expect(announced.body.data?.tenant.waitingRoom).toEqual({ phase: "UPCOMING", releaseAt: RELEASE.toISOString(), opensAt: "2030-03-01T06:45:00.000Z" });

    now = new Date("2030-03-01T06:50:00Z"); // the room is open
    const tickets = await Promise.all(Array.from({ length: 30 }, () => h.gql<Ticket>(ENTER, { tenant: o.tenantSlug })));
    // Before the release only the earliest possible time is known: the lots decide at the release.
    expect(tickets.every((t) => t.body.data!.enterWaitingRoom.admitAtFinal === false)).toBe(true);

    now = new Date("2030-03-01T07:00:00.100Z"); // the release: 30 tickets at 40 per second take 750 ms
    const statuses = await Promise.all(tickets.map((t) => status(t.body.data!.enterWaitingRoom.ticket)));
    const admitAts = statuses.map((s) => new Date(s.admitAt!).getTime());
    expect(statuses.every((s) => s.admitAtFinal)).toBe(true);
    expect(admitAts.every((t) => t >= RELEASE.getTime() && t < RELEASE.getTime() + 750)).toBe(true);
    expect(new Set(admitAts).size).toBeGreaterThan(20); // drawn, not handed out in arrival order
    const ticket = { ticket: tickets.findLast((_, i) => admitAts[i]! > now.getTime())!.body.data!.enterWaitingRoom.ticket, admitAt: "" };
    ticket.admitAt = (await status(ticket.ticket)).admitAt!;

    const start = new Date(`${DAY}T09:00:00+01:00`).toISOString();
    expect((await hold(start)).body.data?.holdSlot).toMatchObject({ __typename: "WaitingRoomRequired", code: "WAITING_ROOM_TICKET_REQUIRED" });
    expect((await hold(start, ticket.ticket)).body.data?.holdSlot).toMatchObject({
      __typename: "WaitingRoomRequired",
      code: "NOT_YET_ADMITTED",
      admitAt: ticket.admitAt,
    });
    expect((await hold(start, "forged-ticket")).body.data?.holdSlot).toMatchObject({ code: "WAITING_ROOM_TICKET_REQUIRED" });

    now = new Date(ticket.admitAt); // the ticket's turn
    expect((await hold(start, ticket.ticket)).body.data?.holdSlot.__typename).toBe("Hold");

    now = new Date("2030-03-01T07:05:00Z"); // the room is over: no ticket needed
    expect((await hold(start)).body.data?.holdSlot.__typename).toBe("Hold"); // second counter

    now = new Date("2030-03-02T07:00:01Z"); // a day after the release: the tickets are forgotten
    expect(await h.app.services.waitingRoom.purge()).toBe(30);
    expect(await h.database.db.prisma.waitingTicket.count()).toBe(0);
  });
});
