import { builder } from "../builder.ts";
import {
  CounterHasBookings,
  DomainError,
  HoldExpired,
  InputError,
  LimitReached,
  NotFound,
  SlotUnavailable,
  TooLate,
  WaitingRoomRequired,
} from "../errors/domain-errors.ts";
import { t } from "../i18n/messages.ts";
import { publicApi } from "./public.ts";
import { SlotRef } from "./slot.ts";

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  extensions: publicApi("an expected failure: code and message about the caller's own request"),
  description: "An expected failure with a translated message (Accept-Language / locale) and a stable code.",
  fields: (f) => ({
    message: f.string({ resolve: (error, _args, ctx) => t(error.code, ctx.locale, error.params) }),
    code: f.string({ resolve: (error) => error.code }),
  }),
});

builder.objectType(InputError, {
  extensions: publicApi("an expected failure: code and message about the caller's own request"),
  name: "InputError",
  description: "Bad input; `field` names the argument or input field at fault.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InputError,
  fields: (f) => ({ field: f.string({ nullable: true, resolve: (error) => error.field }) }),
});

builder.objectType(SlotUnavailable, {
  extensions: publicApi("an expected failure: code and message about the caller's own request"),
  name: "SlotUnavailable",
  description: "The chosen time was taken; `alternatives` are the nearest free times of that day and the following.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof SlotUnavailable,
  fields: (f) => ({ alternatives: f.field({ type: [SlotRef], resolve: (error) => [...error.alternatives] }) }),
});

builder.objectType(WaitingRoomRequired, {
  extensions: publicApi("an expected failure: code and message about the caller's own request"),
  name: "WaitingRoomRequired",
  description:
    "An announced release is on: enter the waiting room (enterWaitingRoom) and hold with its ticket from `admitAt` on. NOT_YET_ADMITTED: the ticket's time has not come.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof WaitingRoomRequired,
  fields: (f) => ({
    releaseAt: f.field({ type: "DateTime", resolve: (error) => error.releaseAt }),
    admitAt: f.field({ type: "DateTime", nullable: true, resolve: (error) => error.admitAt }),
  }),
});

builder.objectType(CounterHasBookings, {
  extensions: publicApi("an expected failure: returned only by an admin-scoped mutation (updateCounter) about the admin's own request"),
  name: "CounterHasBookings",
  description: "The counter still has live bookings ahead and cannot be deactivated: cancel them first (a mass cancellation of this counter) or move them.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof CounterHasBookings,
  fields: (f) => ({ bookings: f.int({ description: "Live bookings that start after now.", resolve: (error) => error.bookings }) }),
});

/**
 * A failure that carries nothing beyond its code and message, as a schema object implementing
 * `Error`. (`any[]` as in Pothos' own ObjectParam: only then does it read the shape off the class.)
 */
export function plainErrorType(ErrorClass: new (...args: any[]) => DomainError, name: string, description: string): void {
  builder.objectType(ErrorClass, {
    extensions: publicApi("an expected failure: code and message about the caller's own request"),
    name,
    description,
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof ErrorClass,
    fields: () => ({}),
  });
}

plainErrorType(HoldExpired, "HoldExpired", "The reservation expired or was released.");
plainErrorType(LimitReached, "LimitReached", "An anti-hoarding or abuse limit of the agency applies.");
plainErrorType(NotFound, "NotFound", "No such booking for this reference and token.");
plainErrorType(TooLate, "TooLate", "Too late to change this booking online.");
