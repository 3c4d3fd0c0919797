import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError } from "../errors/domain-errors.ts";
import type { WaitingRoomTicket, WaitingRoomView } from "../waiting-room/waiting-room-service.ts";
import { publicApi } from "./public.ts";
import { TenantRef } from "./tenant.ts";

const WaitingRoomPhaseEnum = builder.enumType("WaitingRoomPhase", {
  description: "UPCOMING: announced, not open yet; WAITING: open, tickets are handed out; ADMITTING: the release is on.",
  values: ["UPCOMING", "WAITING", "ADMITTING"] as const,
});

const WaitingRoomRef = builder.objectRef<WaitingRoomView>("WaitingRoom").implement({
  extensions: publicApi("the public announcement of a release"),
  description:
    "A fair waiting room for an announced release: everyone who arrives before the release is admitted in random order, not by arrival time.",
  fields: (t) => ({
    releaseAt: t.field({ type: "DateTime", resolve: (w) => w.releaseAt }),
    opensAt: t.field({ type: "DateTime", resolve: (w) => w.opensAt }),
    phase: t.field({ type: WaitingRoomPhaseEnum, resolve: (w) => w.phase as "UPCOMING" | "WAITING" | "ADMITTING" }),
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

const WaitingRoomTicketRef = builder.objectRef<WaitingRoomTicket>("WaitingRoomTicket").implement({
  extensions: publicApi("returned once to the browser that entered the waiting room"),
  description: "A place in the waiting room: pass `ticket` to holdSlot from `admitAt` on.",
  fields: (t) => ({
    ticket: t.exposeString("ticket", { description: "Keep it in the browser only." }),
    admitAt: t.field({ type: "DateTime", description: "Drawn at random: the arrival time does not matter.", resolve: (w) => w.admitAt }),
    releaseAt: t.field({ type: "DateTime", resolve: (w) => w.releaseAt }),
  }),
});

builder.mutationField("enterWaitingRoom", (t) =>
  t.field({
    extensions: publicApi("the anonymous booking flow, origin-checked per agency"),
    type: WaitingRoomTicketRef,
    description: "Takes a ticket for the agency's open waiting room.",
    errors: { types: [InputError], directResult: true, union: { name: "EnterWaitingRoomResult" } },
    args: { tenant: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.waitingRoom.enter(callerOf(ctx), args.tenant),
  }),
);
