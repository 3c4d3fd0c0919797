/**
 * Waiting out an overloaded gateway. Under a rush the gateway answers `503` with
 * `Retry-After` (exposed through CORS) before it executes anything, so every operation —
 * mutations included — may simply be sent again.
 */

/** `""`: nothing waits; `waiting`: retrying automatically; `stalled`: gave up until {@link OverloadFetch.retry}. */
export type OverloadState = "" | "waiting" | "stalled";

export interface OverloadOptions {
  /** Called whenever the combined state of all requests changes. */
  onState?: (state: OverloadState) => void;
  /** Automatic retries of one request before it waits for the citizen (default 8). */
  retries?: number;
  /** Jitter source in [0, 1); tests pass a fixed one. */
  random?: () => number;
  /** Waits `ms`; rejects when `signal` aborts. Tests pass one that does not wait. */
  delay?: (ms: number, signal?: AbortSignal | null) => Promise<void>;
}

export interface OverloadFetch {
  fetch: typeof fetch;
  /** The citizen asked to try again: requests that gave up start another round of retries. */
  retry(): void;
}

/** Rejects with the signal's reason once it aborts. */
const aborted = (signal?: AbortSignal | null): Promise<never> =>
  new Promise((_, reject) => {
    signal?.throwIfAborted();
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

const sleep = (ms: number, signal?: AbortSignal | null): Promise<void> =>
  Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), aborted(signal)]);

/**
 * Wraps `fetch` so that a `503` is sent again after its Retry-After (1–30 s, else 2 s) plus
 * up to a second of jitter, so the crowd that was turned away does not return in the same
 * instant. After `retries` attempts a request neither fails nor repeats: it waits for
 * {@link OverloadFetch.retry}, so nothing the citizen did is lost or reported as failed.
 * Aborting the request's signal ends any wait.
 */
export function overloadFetch(inner: typeof fetch, options: OverloadOptions = {}): OverloadFetch {
  const { onState, retries = 8, random = Math.random, delay = sleep } = options;
  const phases = new Map<object, OverloadState>();
  let state: OverloadState = "";
  const set = (request: object, phase?: OverloadState) => {
    if (phase) phases.set(request, phase);
    else phases.delete(request);
    const next = [...phases.values()].includes("stalled") ? "stalled" : phases.size ? "waiting" : "";
    if (next !== state) onState?.((state = next));
  };
  let resume!: () => void;
  let resumed: Promise<void>;
  const rearm = () => (resumed = new Promise((resolve) => (resume = resolve)));
  rearm();

  return {
    async fetch(input, init) {
      const me = {};
      try {
        for (let attempt = 1; ; attempt++) {
          const response = await inner(input, init);
          if (response.status !== 503) return response;
          if (attempt > retries) {
            set(me, "stalled");
            await Promise.race([resumed, aborted(init?.signal)]);
            set(me, "waiting");
            attempt = 0;
          } else {
            const seconds = Number(response.headers.get("retry-after") || NaN);
            set(me, "waiting");
            await delay((Math.min(Math.max(seconds, 1), 30) || 2) * 1000 + random() * 1000, init?.signal);
          }
        }
      } finally {
        set(me);
      }
    },
    retry() {
      resume();
      rearm();
    },
  };
}
