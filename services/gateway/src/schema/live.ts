import { builder } from "../builder.ts";
import { type Context, callerOf } from "../context.ts";
import { subscriptionError } from "../errors/map-domain-errors.ts";
import type { AvailabilityCalendar, SlotList } from "../scheduling/scheduling-service.ts";
import { AvailabilityCalendarRef, requestArgs, SlotListRef } from "./availability.ts";
import { publicApi } from "./public.ts";

/**
 * Subscribers with the same arguments share one recomputation per change event, so a
 * change reaching thousands of open widgets costs one engine run per distinct view.
 */
const shared = new Map<string, Promise<unknown>>();
function once<T>(key: string, compute: () => Promise<T>): Promise<T> {
  let pending = shared.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = compute();
    shared.set(key, pending);
    setTimeout(() => shared.delete(key), 10_000).unref();
  }
  return pending;
}

/** Subscriptions report bad input as a GraphQL error carrying the typed code. */
async function orGraphQLError<T>(ctx: Context, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw subscriptionError(error, ctx.locale);
  }
}

async function* live<T extends { officeId: string }>(ctx: Context, key: string, load: () => Promise<T>): AsyncGenerator<T> {
  const events = ctx.services.pubsub.subscribe("availability:changed");
  try {
    const first = await orGraphQLError(ctx, load);
    yield first;
    for await (const event of events) {
      if (event.officeId !== first.officeId) continue;
      ctx.services.scheduling.noteChange(event);
      yield await once(`${key}|${event.eventId}`, () => orGraphQLError(ctx, load));
    }
  } finally {
    await events.return?.(undefined);
  }
}

builder.subscriptionField("availabilityChanged", (t) =>
  t.field({
    extensions: publicApi("public availability of an agency's offices"),
    type: AvailabilityCalendarRef,
    description: "The calendar of a date range, now and after every change at the office.",
    args: { ...requestArgs, from: t.arg({ type: "Date", required: true }), to: t.arg({ type: "Date", required: true }) },
    subscribe: (_root, args, ctx) =>
      live(ctx, `a|${JSON.stringify(args)}|${ctx.locale}`, () => ctx.services.scheduling.availability(callerOf(ctx), args, { fresh: true })),
    resolve: (calendar: AvailabilityCalendar) => calendar,
  }),
);

builder.subscriptionField("slotsChanged", (t) =>
  t.field({
    extensions: publicApi("public availability of an agency's offices"),
    type: SlotListRef,
    description: "The free times of one day, now and after every change at the office.",
    args: { ...requestArgs, date: t.arg({ type: "Date", required: true }) },
    subscribe: (_root, args, ctx) => live(ctx, `s|${JSON.stringify(args)}|${ctx.locale}`, () => ctx.services.scheduling.slots(callerOf(ctx), args, { fresh: true })),
    resolve: (slots: SlotList) => slots,
  }),
);
