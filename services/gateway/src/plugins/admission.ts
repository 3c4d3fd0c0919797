/**
 * Admission control: when requests start queueing inside the gateway (for the event loop
 * or for a database connection), new requests are turned away at once with 503 and
 * Retry-After instead of joining a queue that keeps everyone waiting for seconds.
 *
 * The signal is CoDel's: the SHORTEST time any request spent in the server during the
 * last interval. A burst makes some requests slow, but as long as the queue drains, some
 * request in every interval is fast; when even the fastest one took longer than the
 * bound, a standing queue has formed and shedding load is the only way to drain it. The
 * event loop's own delay is watched too, because a blocked loop delays every request
 * before it is even counted. When nothing completes in an interval while requests are in
 * flight, the oldest of them stands in for the minimum. Shedding starts only when two
 * intervals in a row were over the bound: a single long pause (a garbage collection, an
 * embedded-database vacuum) is not a queue, and refusing on it would only annoy.
 *
 * Not all requests are shed alike: reads (calendar, times) go first, writes (holding,
 * confirming) only when the queue is several times the bound. A citizen who already
 * chose a time is closer to a booking than one still browsing, and what they write is
 * what turns free capacity into appointments.
 */
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { localeFromHeader, t } from "../i18n/messages.ts";

/** Writes are refused only when the queue is this many times the bound. */
export const WRITE_FACTOR = 4;

export interface AdmissionOptions {
  /** Queueing delay that counts as overload, in ms (0 disables admission control). */
  maxDelayMs: number;
  /** Length of one observation interval, in ms. */
  intervalMs?: number;
  /** Monotonic clock in ms (tests pass their own). */
  now?: () => number;
  /** Event-loop delay over the last interval, in ms; default: measured with a timer (tests pass a stub). */
  loopDelayMs?: () => number;
}

export class AdmissionControl {
  private readonly maxDelayMs: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly loopDelay: () => number;
  /** Start times of the requests in flight, by id. */
  private readonly startedAt = new Map<number, number>();
  private nextId = 0;
  private intervalStart = 0;
  private intervalMin = Number.POSITIVE_INFINITY;
  private overloaded = false;
  /** How far over the bound the last interval was (1 = at the bound). */
  private severity = 0;
  /** Consecutive observation intervals over the bound. */
  private streak = 0;
  private stopMonitor: () => void = () => {};

  constructor(options: AdmissionOptions) {
    this.maxDelayMs = options.maxDelayMs;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.intervalStart = this.now();
    if (options.loopDelayMs) {
      this.loopDelay = options.loopDelayMs;
    } else {
      // A timer of its own measures how late it fires: a blocked or saturated loop delays
      // it exactly as much as every request waiting behind it.
      let last = this.now();
      let recent = 0;
      const timer = setInterval(() => {
        const now = this.now();
        recent = Math.max(0, now - last - this.intervalMs);
        last = now;
      }, this.intervalMs);
      timer.unref();
      this.stopMonitor = () => clearInterval(timer);
      this.loopDelay = () => recent;
    }
  }

  get enabled(): boolean {
    return this.maxDelayMs > 0;
  }

  /**
   * Whether a new request may enter now: a `read` is refused on overload, a `write` only
   * when the queue is `WRITE_FACTOR` times the bound.
   */
  admit(kind: "read" | "write" = "read"): boolean {
    if (!this.enabled) return true;
    this.roll();
    if (!this.overloaded) return true;
    return kind === "write" && this.severity <= WRITE_FACTOR;
  }

  /** Marks a request as started; call the returned function when it has been answered. */
  begin(): () => void {
    const started = this.now();
    const id = this.nextId++;
    this.startedAt.set(id, started);
    return () => {
      if (!this.startedAt.delete(id)) return;
      const spent = this.now() - started;
      if (spent < this.intervalMin) this.intervalMin = spent;
    };
  }

  /**
   * Seconds a turned-away client should wait, with jitter so retries spread out: 1–3 s at
   * first, longer the longer the overload lasts (one more second per half second of it, up
   * to 30 s) — a herd told to come back in two seconds would only be back as a retry storm.
   */
  retryAfterSeconds(random: () => number = Math.random): number {
    const base = Math.min(15, 1 + Math.floor(this.streak / 5));
    return Math.min(30, base + Math.floor(random() * (base + 2)));
  }

  close(): void {
    this.stopMonitor();
  }

  /** Closes the observation interval when it is over and decides for the next one. */
  private roll(): void {
    const now = this.now();
    if (now - this.intervalStart < this.intervalMs) return;
    let shortest = this.intervalMin;
    if (!Number.isFinite(shortest)) {
      // Nothing completed: the oldest request still in flight has waited at least this long.
      let oldest = now;
      for (const started of this.startedAt.values()) if (started < oldest) oldest = started;
      shortest = now - oldest;
    }
    this.severity = Math.max(shortest, this.loopDelay()) / this.maxDelayMs;
    const over = this.severity > 1;
    // A quiet spell breaks the streak by itself: nothing in flight means a shortest time of 0.
    this.streak = over ? this.streak + 1 : 0;
    this.overloaded = this.streak >= 2;
    this.intervalStart = now;
    this.intervalMin = Number.POSITIVE_INFINITY;
  }
}

/**
 * The header a client sets on a mutation (`x-tv-operation: mutation`) so the HTTP handler
 * can apply the write rule before reading the body. Everything else counts as a read
 * there, so refusals cost no body or GraphQL parsing. A read that claims to be a write is
 * caught once its query is known (useAdmission), so the claim gains nothing.
 */
export const OPERATION_HEADER = "x-tv-operation";

/** What the HTTP handler takes a request for, from its headers alone. */
export function declaredKind(headers: { readonly [name: string]: string | string[] | undefined }): "read" | "write" {
  return headers[OPERATION_HEADER] === "mutation" ? "write" : "read";
}

/** Whether a GraphQL request writes (a mutation): cheap, from the query text alone. */
export function isWrite(query: string | undefined): boolean {
  return typeof query === "string" && /^\s*mutation\b/.test(query.replace(/^\s*#.*$/gm, ""));
}

/**
 * The second look, once the query is known: a request that was let through as a write
 * (`x-tv-operation: mutation`) but is a read is refused like a read while the gateway is
 * overloaded, as a typed, translated 503 with Retry-After (yoga turns the error's `http`
 * extension into the response's status and headers, CORS included). Everything else was
 * decided by the HTTP handler before the body was read (server.ts).
 */
export function useAdmission(admission: AdmissionControl): Plugin {
  return {
    onParams({ params, request }) {
      if (!admission.enabled || request.method === "OPTIONS" || isWrite(params.query)) return;
      if (request.headers.get(OPERATION_HEADER) !== "mutation") return;
      if (admission.admit("read")) return;
      const retryAfterSeconds = admission.retryAfterSeconds();
      throw new GraphQLError(t("OVERLOADED", localeFromHeader(request.headers.get("accept-language"))), {
        extensions: {
          code: "OVERLOADED",
          retryAfterSeconds,
          http: { status: 503, headers: { "retry-after": String(retryAfterSeconds), "access-control-expose-headers": "retry-after" } },
        },
      });
    },
  };
}
