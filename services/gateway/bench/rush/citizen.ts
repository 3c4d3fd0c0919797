/**
 * One citizen of the opening rush, as the booking widget drives the API (issue 17):
 *
 *   tenant → availability for six weeks → slots of the first AVAILABLE day → holdSlot a
 *   free time → 2–5 s typing → confirmBooking.
 *
 * A `SlotUnavailable` (from holdSlot, or from confirmBooking when the hold was lost) is
 * retried up to three times with one of the `alternatives` it offers; when it offers none,
 * the citizen reloads the calendar (that counts as a retry too). An HTTP 503 is retried
 * after its Retry-After plus up to a second of jitter, and counted; it does not use up one
 * of the three retries (the request never ran). holdSlot asks with `orNearest` unless
 * BENCH_RUSH_HOLD=exact (see holdInput). A confirmBooking without a clean answer is sent
 * once more with the same hold (it is idempotent); anything else unexpected — GraphQL
 * `errors`, another 5xx, no answer — ends the citizen's attempt: a person would see an
 * error page. Every citizen has their own e-mail address and source address, so per-person
 * and per-address limits see one person each. With the defences on (run-rush.ts), each
 * holdSlot and confirmBooking is preceded by proofOfWorkChallenge and a solve in the pool's
 * worker, and a 429 (rate limit) is waited out like a 503 and counted apart.
 */
import { CHALLENGE, type Challenge } from "../../test/proof-of-work-solver.ts";
import type { Answer, RushClient } from "./client.ts";
import type { ProofOfWorkPool } from "./proof-of-work-pool.ts";

export const operations = ["enterWaitingRoom", "waitingRoomStatus", "tenant", "availability", "slots", "proofOfWorkChallenge", "holdSlot", "confirmBooking"] as const;
export type Operation = (typeof operations)[number];

export type Outcome =
  | "booked"
  | "noFreeDay"
  | "retriesExhausted"
  | "confirmFailed"
  | "holdFailed"
  | "readFailed"
  | "holdExpired"
  | "refused"
  | "overloaded"
  /** A request was refused with 429 (rate limit) more often than a person would retry. */
  | "rateLimited"
  | "deadline"
  /** The waiting room said the release is sold out (on entering or while waiting). */
  | "toldSoldOut";

export class OperationStats {
  requests = 0;
  /** Answer times (ms) of admitted requests: any answer but a 503. */
  admittedMs: number[] = [];
  /** Answer times (ms) of 503s, and the same without a new connection's TCP handshake. */
  rejectedMs: number[] = [];
  rejectedAfterConnectMs: number[] = [];
  /** TCP handshakes of new connections (ms). */
  connectMs: number[] = [];
  /** GraphQL `errors`, HTTP errors other than 503, no answer (timeouts included). */
  untyped = 0;
  timeouts = 0;
  untypedKinds = new Map<string, number>();
  /** Most time any request of this operation waited for one of the capped sockets. */
  maxSocketWaitMs = 0;
  /** Answers 429 (rate limit; retried after Retry-After like a 503), by the limit that refused. */
  rateLimited = 0;
  rateLimitedBy = new Map<string, number>();
  /** Typed refusals (LimitReached and the like) by code: the per-address quotas and proof of work. */
  typedRefusals = new Map<string, number>();
}

/** Solves per citizen are counted up to this many (the last bucket: this many or more). */
export const MOST_SOLVES_COUNTED = 8;

/** What one citizen went through, for the counts per citizen. */
interface CitizenTrace {
  /** Refused with 503, with 429 at least once. */
  refused503: boolean;
  rateLimited?: boolean;
  /** Proof-of-work challenges solved. */
  solves: number;
}

export class RushStats {
  readonly ops = new Map<Operation, OperationStats>(operations.map((op) => [op, new OperationStats()]));
  readonly outcomes = new Map<Outcome, number>();
  /** Citizens per arrival tenth, and how many of them booked. */
  readonly arrivedByTenth = new Array<number>(10).fill(0);
  readonly bookedByTenth = new Array<number>(10).fill(0);
  /** E-mail addresses whose confirmBooking the citizen saw fail (untyped error or no answer). */
  readonly confirmSeenFailed = new Set<string>();
  /** E-mail addresses of citizens who saw their booking confirmed. */
  readonly confirmedEmails = new Set<string>();
  /** SlotUnavailable retries used per citizen: index = retries, value = citizens. */
  readonly retriesUsed = [0, 0, 0, 0];
  /** Citizens who were refused with 503 at least once. */
  citizensRefused = 0;
  /** Citizens who were refused with 429 at least once. */
  citizensRateLimited = 0;
  /** Proof-of-work solves per citizen: index = solves (the last: that many or more), value = citizens. */
  readonly solvesPerCitizen = new Array<number>(MOST_SOLVES_COUNTED + 1).fill(0);
  /** Holds for which the server picked another start than the one asked for (orNearest). */
  substitutedHolds = 0;
  /** confirmBooking calls sent again with the same hold after no or an untyped answer. */
  confirmRetries = 0;
  /** Waiting room: citizens who got a ticket, were admitted, were told "sold out" (entering or waiting). */
  readonly room = { entered: 0, admitted: 0, toldSoldOutWaiting: 0, toldSoldOutEntering: 0, polls: 0, mostPolls: 0 };

  op(name: Operation): OperationStats {
    return this.ops.get(name)!;
  }
}

export interface Citizen {
  /** 0 … citizens-1, in arrival order. */
  index: number;
  tenth: number;
  email: string;
  url: string;
  /** The citizen's own loopback source address. */
  address: string;
}

export interface RushScenario {
  client: RushClient;
  stats: RushStats;
  tenant: string;
  office: string;
  /** First and last day the calendar asks for (YYYY-MM-DD, the office's time zone). */
  from: string;
  to: string;
  random: () => number;
  /** performance.now() after which a citizen stops (the run's hard limit). */
  deadline: number;
  /** 503s one request may be refused before its citizen gives up. */
  max503PerRequest: number;
  thinkMs: [number, number];
  /** "nearest": holdSlot with orNearest (the server picks when the time was taken); "exact": the start alone. */
  holdMode: "nearest" | "exact";
  /** The agency announced the release with a fair waiting room: enter it on arrival, book once admitted. */
  waitingRoom: boolean;
  /** With the defences on: solves the challenges holdSlot and confirmBooking need. Null: the gateway asks for none. */
  proofOfWork: ProofOfWorkPool | null;
}

class GiveUp extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome);
  }
}

const TENANT = `query ($slug: String!) { tenant(slug: $slug) { id offices { slug } services(onlineOnly: true) { id durationMinutes } } }`;
const AVAILABILITY = `query ($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
  availability(tenant: $tenant, office: $office, items: $items, from: $from, to: $to) {
    __typename ... on AvailabilityCalendar { days { date status freeSlots } } ... on InputError { code message } } }`;
const SLOTS = `query ($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $date: Date!) {
  slots(tenant: $tenant, office: $office, items: $items, date: $date) {
    __typename ... on SlotList { slots { start } } ... on InputError { code message } } }`;
const HOLD = `mutation ($input: HoldSlotInput!) { holdSlot(input: $input) {
  __typename ... on Hold { id token start expiresAt substituted } ... on SlotUnavailable { code alternatives { start } } ... on Error { code message } } }`;
const CONFIRM = `mutation ($input: ConfirmBookingInput!) { confirmBooking(input: $input) {
  __typename ... on BookingConfirmation { verificationRequired booking { reference status } }
  ... on SlotUnavailable { code alternatives { start } } ... on Error { code message } } }`;

const ENTER = `mutation ($tenant: String!) { enterWaitingRoom(tenant: $tenant) {
  __typename ... on WaitingRoomTicket { ticket admitAt pollAfterSeconds } ... on Error { code message } } }`;
const ROOM_STATUS = `query ($tenant: String!, $ticket: String!) { waitingRoomStatus(tenant: $tenant, ticket: $ticket) {
  __typename ... on WaitingRoomStatus { state admitAt pollAfterSeconds } ... on Error { code message } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Data = Record<string, { __typename: string; [key: string]: unknown }>;

function untyped(stats: OperationStats, kind: string): null {
  stats.untyped++;
  stats.untypedKinds.set(kind, (stats.untypedKinds.get(kind) ?? 0) + 1);
  return null;
}

/**
 * Sends one operation, waiting out 503s. Returns the `data` of a clean answer, or null
 * after an untyped failure (counted); throws GiveUp past the deadline or the 503 limit.
 */
async function call(s: RushScenario, c: Citizen, op: Operation, query: string, variables: unknown, trace: CitizenTrace): Promise<Data | null> {
  const stats = s.stats.op(op);
  const body = JSON.stringify({ query, variables });
  // As the widget does: a mutation says so in a header, so the gateway can apply the write
  // rule of its admission control before it reads the body.
  const mutation = query.startsWith("mutation");
  for (let attempt = 0; ; attempt++) {
    if (performance.now() > s.deadline) throw new GiveUp("deadline");
    stats.requests++;
    const a: Answer = await s.client.post(c.url, c.address, body, mutation);
    stats.maxSocketWaitMs = Math.max(stats.maxSocketWaitMs, a.socketWaitMs);
    if (a.error?.startsWith("aborted")) throw new GiveUp("deadline");
    if (a.connectMs > 0) stats.connectMs.push(a.connectMs);
    if (a.status === 429) {
      // A rate limit (defences on): the widget waits as told and tries again, like a 503.
      stats.rateLimited++;
      const limit = ((a.json as { errors?: { extensions?: { limit?: string } }[] } | null)?.errors?.[0]?.extensions?.limit) ?? "unknown";
      stats.rateLimitedBy.set(limit, (stats.rateLimitedBy.get(limit) ?? 0) + 1);
      trace.rateLimited = true;
      if (attempt >= s.max503PerRequest) throw new GiveUp("rateLimited");
      await sleep((a.retryAfterSeconds ?? 1) * 1000 + s.random() * 1000);
      continue;
    }
    if (a.status === 503) {
      stats.rejectedMs.push(a.ms);
      stats.rejectedAfterConnectMs.push(a.ms - a.connectMs);
      trace.refused503 = true;
      if (attempt >= s.max503PerRequest) throw new GiveUp("overloaded");
      // Honour Retry-After, plus up to a second of jitter so the refused do not return as one herd.
      await sleep((a.retryAfterSeconds ?? 1) * 1000 + s.random() * 1000);
      continue;
    }
    if (a.error) {
      if (a.error.startsWith("timeout")) stats.timeouts++;
      return untyped(stats, a.error);
    }
    stats.admittedMs.push(a.ms);
    const json = a.json as { data?: Data; errors?: { message?: string; extensions?: { code?: string } }[] } | null;
    if (a.status !== 200) return untyped(stats, `HTTP ${a.status}`);
    if (json?.errors?.length) return untyped(stats, json.errors[0]?.extensions?.code ?? json.errors[0]?.message ?? "errors");
    if (!json?.data) return untyped(stats, "no data");
    return json.data;
  }
}

/**
 * What holdSlot is asked for.
 *
 * >>> SERVER-PICKED START (issue 17, item 1). `holdMode` "nearest" (the default) asks as the
 * >>> widget does since holdSlot gained it: the chosen start with `orNearest: true`, so a
 * >>> taken time becomes the nearest free one in the same request (Hold.substituted).
 * >>> "exact" names the start alone, as the measurements did. "Any free start on
 * >>> day D" (`day`, `notBefore`, `notAfter`) would go here too.
 */
function holdInput(s: RushScenario, items: unknown, start: string, ticket: string | null, proofOfWork: string | undefined): Record<string, unknown> {
  return {
    ...(proofOfWork ? { proofOfWork } : {}),
    tenant: s.tenant,
    office: s.office,
    items,
    start,
    ...(s.holdMode === "nearest" ? { orNearest: true } : {}),
    ...(ticket ? { waitingRoomTicket: ticket } : {}),
  };
}

/**
 * With a waiting room, as the widget does: takes a ticket on arrival, then asks where it
 * stands whenever the server says to (`pollAfterSeconds`: the server spreads the polls)
 * until it is admitted or told that the release is sold out. Null: no ticket (an untyped
 * failure, counted); "soldOut": told so on entering or while waiting.
 */
async function waitForAdmission(s: RushScenario, c: Citizen, trace: CitizenTrace): Promise<string | null | "soldOut"> {
  const entered = (await call(s, c, "enterWaitingRoom", ENTER, { tenant: s.tenant }, trace))?.enterWaitingRoom;
  if (entered?.__typename === "InputError" && entered.code === "RELEASE_SOLD_OUT") {
    s.stats.room.toldSoldOutEntering++;
    return "soldOut";
  }
  if (entered?.__typename !== "WaitingRoomTicket") return null;
  s.stats.room.entered++;
  const ticket = entered.ticket as string;
  let pollAfter = entered.pollAfterSeconds as number | null;
  let polls = 0;
  try {
    while (pollAfter !== null) {
      await sleep(pollAfter * 1000);
      polls++;
      const status = (await call(s, c, "waitingRoomStatus", ROOM_STATUS, { tenant: s.tenant, ticket }, trace))?.waitingRoomStatus;
      if (status?.__typename !== "WaitingRoomStatus") return null;
      if (status.state === "SOLD_OUT") {
        s.stats.room.toldSoldOutWaiting++;
        return "soldOut";
      }
      pollAfter = status.state === "ADMITTED" ? null : (status.pollAfterSeconds as number);
    }
  } finally {
    s.stats.room.polls += polls;
    s.stats.room.mostPolls = Math.max(s.stats.room.mostPolls, polls);
  }
  s.stats.room.admitted++;
  return ticket;
}

/**
 * With the defences on, as the widget does before holdSlot and confirmBooking: asks for a
 * challenge and solves it (in the pool's worker, not on this event loop). Undefined when
 * the gateway asks for none; null when no challenge came (an untyped failure, counted).
 */
async function proof(s: RushScenario, c: Citizen, trace: CitizenTrace): Promise<string | undefined | null> {
  if (!s.proofOfWork) return undefined;
  const challenge = (await call(s, c, "proofOfWorkChallenge", CHALLENGE, { tenant: s.tenant }, trace))?.proofOfWorkChallenge as unknown as Challenge | null | undefined;
  if (!challenge) return null;
  trace.solves++;
  return s.proofOfWork.solve(challenge);
}

/** Counts a typed refusal (LimitReached and the like) of `op` by its code. */
function typedRefusal(s: RushScenario, op: Operation, answer: { __typename: string; code?: unknown }): void {
  const key = String(answer.code ?? answer.__typename);
  const refusals = s.stats.op(op).typedRefusals;
  refusals.set(key, (refusals.get(key) ?? 0) + 1);
}

/** A free time as a person picks one from a list: any of them, with no preference. */
const pick = <T>(s: RushScenario, list: readonly T[]): T => list[Math.floor(s.random() * list.length)]!;

/** Runs one citizen to the end and records what happened in `s.stats`. */
export async function runCitizen(s: RushScenario, c: Citizen): Promise<Outcome> {
  const trace: CitizenTrace = { refused503: false, solves: 0 };
  let retries = 0;
  let outcome: Outcome;
  try {
    outcome = await book(s, c, trace, (n) => (retries = n));
  } catch (error) {
    if (!(error instanceof GiveUp)) throw error;
    outcome = error.outcome;
  }
  s.stats.outcomes.set(outcome, (s.stats.outcomes.get(outcome) ?? 0) + 1);
  s.stats.arrivedByTenth[c.tenth]!++;
  if (outcome === "booked") s.stats.bookedByTenth[c.tenth]!++;
  s.stats.retriesUsed[Math.min(3, retries)]!++;
  if (trace.refused503) s.stats.citizensRefused++;
  if (trace.rateLimited) s.stats.citizensRateLimited++;
  s.stats.solvesPerCitizen[Math.min(MOST_SOLVES_COUNTED, trace.solves)]!++;
  return outcome;
}

async function book(s: RushScenario, c: Citizen, trace: CitizenTrace, setRetries: (n: number) => void): Promise<Outcome> {
  const ticket = s.waitingRoom ? await waitForAdmission(s, c, trace) : null;
  if (ticket === "soldOut") return "toldSoldOut";
  if (s.waitingRoom && !ticket) return "readFailed";
  const tenant = (await call(s, c, "tenant", TENANT, { slug: s.tenant }, trace))?.tenant as unknown as
    | { services: { id: string }[]; offices: { slug: string }[] }
    | null
    | undefined;
  if (!tenant) return "readFailed";
  const items = [{ serviceId: pick(s, tenant.services).id, quantity: 1 }];

  /** The calendar, then the times of its first available day; null when none is left. */
  const firstDayTimes = async (): Promise<string[] | null | "failed"> => {
    const calendar = (await call(s, c, "availability", AVAILABILITY, { tenant: s.tenant, office: s.office, items, from: s.from, to: s.to }, trace))?.availability;
    if (calendar?.__typename !== "AvailabilityCalendar") return "failed";
    const day = (calendar.days as { date: string; status: string }[]).find((d) => d.status === "AVAILABLE");
    if (!day) return null;
    const list = (await call(s, c, "slots", SLOTS, { tenant: s.tenant, office: s.office, items, date: day.date }, trace))?.slots;
    if (list?.__typename !== "SlotList") return "failed";
    return (list.slots as { start: string }[]).map((x) => x.start);
  };

  let times = await firstDayTimes();
  let retries = 0;
  for (;;) {
    if (times === "failed") return "readFailed";
    if (times === null) return "noFreeDay";
    // The list can be empty when the day filled between the two reads: like a taken time.
    let alternatives: string[] = [];
    if (times.length > 0) {
      const start = pick(s, times);
      const holdProof = await proof(s, c, trace);
      if (holdProof === null) return "holdFailed";
      const held = (await call(s, c, "holdSlot", HOLD, { input: holdInput(s, items, start, ticket, holdProof) }, trace))?.holdSlot;
      if (!held) return "holdFailed";
      if (held.__typename === "Hold") {
        if (held.substituted) s.stats.substitutedHolds++;
        await sleep(s.thinkMs[0] + s.random() * (s.thinkMs[1] - s.thinkMs[0])); // typing name and e-mail
        const input = { holdId: held.id, token: held.token, consent: true, contact: { name: `Rush ${c.index}`, email: c.email } };
        // Each solved challenge is accepted once: a confirmation sent again needs a new one.
        const confirm = async () => {
          const confirmProof = await proof(s, c, trace);
          if (confirmProof === null) return null;
          return (await call(s, c, "confirmBooking", CONFIRM, { input: { ...input, ...(confirmProof ? { proofOfWork: confirmProof } : {}) } }, trace))?.confirmBooking;
        };
        let done = await confirm();
        if (!done && performance.now() < s.deadline) {
          // No or an untyped answer: the widget sends the same confirmation once more
          // (confirmBooking is idempotent for the hold token, issue 17 item 3).
          s.stats.confirmRetries++;
          done = await confirm();
        }
        if (!done) {
          // The citizen sees an error page; the run checks later whether it committed anyway.
          s.stats.confirmSeenFailed.add(c.email);
          return "confirmFailed";
        }
        if (done.__typename === "BookingConfirmation") {
          s.stats.confirmedEmails.add(c.email);
          return "booked";
        }
        if (done.__typename === "HoldExpired") return "holdExpired";
        if (done.__typename !== "SlotUnavailable") {
          typedRefusal(s, "confirmBooking", done);
          return "refused";
        }
        alternatives = (done.alternatives as { start: string }[]).map((x) => x.start);
      } else if (held.__typename === "SlotUnavailable") {
        alternatives = (held.alternatives as { start: string }[]).map((x) => x.start);
      } else {
        typedRefusal(s, "holdSlot", held);
        return "refused"; // LimitReached, InputError: typed, but not expected in the rush
      }
    }
    if (retries >= 3) return "retriesExhausted";
    setRetries(++retries);
    // Offered alternatives first (the nearest ones, as the widget lists them); none offered:
    // reload the calendar.
    times = alternatives.length > 0 ? alternatives.slice(0, 3) : await firstDayTimes();
  }
}
