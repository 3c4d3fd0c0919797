import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError } from "../errors/domain-errors.ts";
import type { WaitingRoomAnswer, WaitingRoomTicket, WaitingRoomView } from "../waiting-room/waiting-room-service.ts";
import { publicApi } from "./public.ts";
import { TenantRef } from "./tenant.ts";

const WaitingRoomPhaseEnum = builder.enumType("WaitingRoomPhase", {
  description: "UPCOMING: announced, not open yet; WAITING: open, tickets are handed out; ADMITTING: the release is on.",
  values: ["UPCOMING", "WAITING", "ADMITTING"] as const,
});

const WaitingRoomRef = builder.objectRef<WaitingRoomView>("WaitingRoom").implement({
  extensions: publicApi("the public announcement of a release"),
  description:
    "A fair waiting room for an announced release: everyone who arrives before the release is admitted in random order, not by arrival time, paced at `admitPerSecond`.",
  fields: (t) => ({
    releaseAt: t.field({ type: "DateTime", resolve: (w) => w.releaseAt }),
    opensAt: t.field({ type: "DateTime", resolve: (w) => w.opensAt }),
    phase: t.field({ type: WaitingRoomPhaseEnum, resolve: (w) => w.phase as "UPCOMING" | "WAITING" | "ADMITTING" }),
    admitPerSecond: t.exposeInt("admitPerSecond", { nullable: false, description: "Citizens admitted per second." }),
    soldOut: t.exposeBoolean("soldOut", { nullable: false, description: "No free start is left in the released period: nobody else is admitted." }),
    nextReleaseAt: t.field({ type: "DateTime", nullable: true, description: "The following release, if announced.", resolve: (w) => w.nextReleaseAt }),
  }),
});

builder.objectField(TenantRef, "waitingRoom", (t) =>
  t.field({
    extensions: publicApi("the public announcement of a release"),
    type: WaitingRoomRef,
    nullable: true,
    description: "The waiting room of an announced release while it matters; null when there is none.",
    resolve: (tenant, _args, ctx) => ctx.services.waitingRoom.view(tenant),
  }),
);

const WaitingRoomStateEnum = builder.enumType("WaitingRoomState", {
  description: "WAITING: not yet (ask again after pollAfterSeconds); ADMITTED: hold with the ticket now; SOLD_OUT: all appointments of this release are taken.",
  values: ["WAITING", "ADMITTED", "SOLD_OUT"] as const,
});

const WaitingRoomStatusRef = builder.objectRef<WaitingRoomAnswer>("WaitingRoomStatus").implement({
  extensions: publicApi("a waiting citizen's own place, by the ticket only they hold"),
  description: "Where a ticket stands. Ask again only after `pollAfterSeconds`: the server spreads the polls.",
  fields: (t) => ({
    state: t.field({ type: WaitingRoomStateEnum, resolve: (w) => w.state }),
    releaseAt: t.field({ type: "DateTime", resolve: (w) => w.releaseAt }),
    admitAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "The admission time: drawn by lot, final from the release on (before it the earliest possible).",
      resolve: (w) => w.admitAt,
    }),
    admitAtFinal: t.exposeBoolean("admitAtFinal", { nullable: false }),
    pollAfterSeconds: t.exposeInt("pollAfterSeconds", { nullable: true, description: "WAITING: when to ask again." }),
    nextReleaseAt: t.field({ type: "DateTime", nullable: true, description: "The following release, if announced.", resolve: (w) => w.nextReleaseAt }),
  }),
});

const WaitingRoomTicketRef = builder.objectRef<WaitingRoomTicket>("WaitingRoomTicket").implement({
  extensions: publicApi("returned once to the browser that entered the waiting room"),
  description: "A place in the waiting room: pass `ticket` to holdSlot once admitted; ask `waitingRoomStatus` after `pollAfterSeconds`.",
  fields: (t) => ({
    ticket: t.exposeString("ticket", { description: "Keep it in the browser only." }),
    admitAt: t.field({
      type: "DateTime",
      description: "Drawn by lot, the arrival time does not matter; before the release only the earliest possible (see admitAtFinal).",
      resolve: (w) => w.admitAt ?? w.releaseAt,
    }),
    admitAtFinal: t.exposeBoolean("admitAtFinal", { nullable: false }),
    pollAfterSeconds: t.exposeInt("pollAfterSeconds", { nullable: true }),
    releaseAt: t.field({ type: "DateTime", resolve: (w) => w.releaseAt }),
  }),
});

builder.mutationField("enterWaitingRoom", (t) =>
  t.field({
    extensions: publicApi("the anonymous booking flow, origin-checked per agency"),
    type: WaitingRoomTicketRef,
    description: "Takes a ticket for the agency's open waiting room (RELEASE_SOLD_OUT once nothing is left).",
    errors: { types: [InputError], directResult: true, union: { name: "EnterWaitingRoomResult" } },
    args: { tenant: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.waitingRoom.enter(callerOf(ctx), args.tenant),
  }),
);

builder.queryField("waitingRoomStatus", (t) =>
  t.field({
    extensions: publicApi("a waiting citizen's own place, by the ticket only they hold"),
    type: WaitingRoomStatusRef,
    description: "Where the ticket stands: cheap for the server (no database work per poll); ask again after pollAfterSeconds.",
    errors: { types: [InputError], directResult: true, union: { name: "WaitingRoomStatusResult" } },
    args: { tenant: t.arg.string({ required: true }), ticket: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.waitingRoom.status(callerOf(ctx), args.tenant, args.ticket),
  }),
);
