/**
 * The fair waiting room of an announced release (issue 17): while it is open, holds need a
 * ticket whose admission time, drawn at random by the gateway, has come. The wizard keeps
 * one ticket per tenant and release for the browser tab (sessionStorage), so a reload keeps
 * the place instead of drawing again.
 */
import type { WaitingRoom, WaitingRoomTicket } from "./types.ts";

/**
 * - `free`: no room, or admitted: book as usual.
 * - `upcoming`: announced, the room opens at `at`.
 * - `waiting`: in the room with a ticket; at `at` the turn comes or the gateway is asked again.
 * - `due`: the room needs the gateway now (ask whether it opened, take a ticket, or ask
 *   where the ticket stands).
 * - `soldOut`: all appointments of this release are taken.
 */
export type RoomState = { kind: "free" } | { kind: "upcoming" | "waiting"; at: number } | { kind: "due" } | { kind: "soldOut" };

const same = (a: string, b: string) => Date.parse(a) === Date.parse(b);

/**
 * What the wizard does about the room at `now`. `notBefore`: nothing moves on before this
 * instant (a pause after a refused entry or an early hold, so a clock that runs ahead of the
 * gateway's cannot make the widget ask again and again).
 */
export function roomState(room: WaitingRoom | null | undefined, ticket: WaitingRoomTicket | undefined, now: number, notBefore = 0): RoomState {
  if (!room) return { kind: "free" };
  if (room.soldOut) return { kind: "soldOut" };
  if (ticket && same(ticket.releaseAt, room.releaseAt)) {
    // Still waiting: ask again when the gateway said to (it spreads the polls).
    if (ticket.pollAt !== undefined) {
      const at = Math.max(ticket.pollAt, notBefore);
      return now < at ? { kind: "waiting", at } : { kind: "due" };
    }
    const at = Math.max(Date.parse(ticket.admitAt), notBefore);
    return now < at ? { kind: "waiting", at } : { kind: "free" };
  }
  const at = Math.max(room.phase === "UPCOMING" ? Date.parse(room.opensAt) : 0, notBefore);
  return now < at ? { kind: room.phase === "UPCOMING" ? "upcoming" : "waiting", at } : { kind: "due" };
}

const KEY = "terminvergabe-waiting-room:";
/** Where sessionStorage is unavailable (sandboxed frame, storage off), the tab's memory. */
const memory = new Map<string, WaitingRoomTicket>();

function storage(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

/** This tab's ticket for the tenant's release at `releaseAt`, if it has one. */
export function loadTicket(tenant: string, releaseAt: string): WaitingRoomTicket | undefined {
  let ticket = memory.get(tenant);
  try {
    ticket ??= JSON.parse(storage()?.getItem(KEY + tenant) ?? "null") ?? undefined;
  } catch {
    // unreadable: as if there were none
  }
  return ticket && same(ticket.releaseAt, releaseAt) ? ticket : undefined;
}

/** Keeps (or, without `ticket`, forgets) the tenant's ticket for this tab. */
export function saveTicket(tenant: string, ticket?: WaitingRoomTicket): void {
  if (ticket) memory.set(tenant, ticket);
  else memory.delete(tenant);
  try {
    if (ticket) storage()?.setItem(KEY + tenant, JSON.stringify(ticket));
    else storage()?.removeItem(KEY + tenant);
  } catch {
    // full or forbidden: memory keeps it for this page
  }
}
