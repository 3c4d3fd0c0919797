import { describe, expect, it } from "vitest";
import { createApi, request } from "./api.ts";
import { overloadFetch, type OverloadState } from "./overload.ts";

const OVERLOADED = (retryAfter: number | null) =>
  new Response(
    JSON.stringify({ errors: [{ message: "Sehr hohe Nachfrage", extensions: { code: "OVERLOADED", retryAfterSeconds: 3 } }] }),
    { status: 503, headers: { "content-type": "application/json", ...(retryAfter === null ? {} : { "retry-after": String(retryAfter) }) } },
  );
const OK = () => new Response(JSON.stringify({ data: { tenant: { slug: "demo" } } }), { headers: { "content-type": "application/json" } });

/** A fetch that answers from a script, one answer per call, and records what it was asked. */
function scripted(answers: (() => Response)[]) {
  const calls: { body: unknown }[] = [];
  const fake: typeof fetch = async (_input, init) => {
    calls.push({ body: init?.body });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    return next();
  };
  return { fake, calls };
}

/** Waits that do not wait, recorded; the gaps between them let the test look at the state. */
function recordedDelays() {
  const delays: number[] = [];
  const delay = async (ms: number, signal?: AbortSignal | null) => {
    delays.push(ms);
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
  };
  return { delays, delay };
}

describe("requests to an overloaded gateway (503 + Retry-After)", () => {
  it("are sent again after Retry-After plus jitter below a second, showing the waiting state meanwhile", async () => {
    const { fake, calls } = scripted([() => OVERLOADED(2), () => OVERLOADED(1), OK]);
    const { delays, delay } = recordedDelays();
    const states: OverloadState[] = [];
    const http = overloadFetch(fake, { delay, random: () => 0.25, onState: (s) => states.push(s) });

    const response = await http.fetch("http://gateway/graphql", { method: "POST", body: '{"query":"{ a }"}' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { tenant: { slug: "demo" } } });
    expect(delays).toEqual([2250, 1250]);
    // The same request each time (a 503 means nothing was executed).
    expect(calls.map((c) => c.body)).toEqual(Array(3).fill('{"query":"{ a }"}'));
    expect(states).toEqual(["waiting", ""]);
  });

  it("waits 2 s when Retry-After is missing or unreadable, and keeps it within 1–30 s", async () => {
    const { fake } = scripted([() => OVERLOADED(null), () => OVERLOADED(0), () => OVERLOADED(600), OK]);
    const { delays, delay } = recordedDelays();
    const http = overloadFetch(fake, { delay, random: () => 0 });
    await http.fetch("http://gateway/graphql", { method: "POST" });
    expect(delays).toEqual([2000, 1000, 30_000]);
  });

  it("does not touch other answers, errors included", async () => {
    const { fake, calls } = scripted([() => new Response("{}", { status: 500 })]);
    const http = overloadFetch(fake, { delay: () => Promise.reject(new Error("no wait expected")) });
    expect((await http.fetch("http://gateway/graphql")).status).toBe(500);
    expect(calls).toHaveLength(1);
  });

  it("stops retrying after the bound and waits for the citizen's retry, then succeeds without losing the request", async () => {
    const { fake, calls } = scripted([...Array(4).fill(() => OVERLOADED(1)), () => OVERLOADED(1), OK]);
    const { delays, delay } = recordedDelays();
    const states: OverloadState[] = [];
    const http = overloadFetch(fake, { retries: 3, delay, random: () => 0.5, onState: (s) => states.push(s) });

    let settled = false;
    const pending = http.fetch("http://gateway/graphql", { method: "POST" }).finally(() => (settled = true));
    await expect.poll(() => states.at(-1)).toBe("stalled");
    // 1 request + 3 retries, then no more on its own.
    expect(calls).toHaveLength(4);
    expect(delays).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(4);
    expect(settled).toBe(false);

    // "Erneut versuchen": at once, then another round of automatic retries.
    http.retry();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(6);
    expect(states).toEqual(["waiting", "stalled", "waiting", ""]);
  });

  it("ends the wait when the request is aborted (a superseded query), and the waiting state with it", async () => {
    const { fake, calls } = scripted([() => OVERLOADED(1)]);
    const states: OverloadState[] = [];
    const http = overloadFetch(fake, { random: () => 0, onState: (s) => states.push(s) });
    const controller = new AbortController();
    const pending = http.fetch("http://gateway/graphql", { signal: controller.signal });
    await expect.poll(() => states.at(-1)).toBe("waiting");
    controller.abort(new Error("superseded"));
    await expect(pending).rejects.toThrow("superseded");
    expect(states).toEqual(["waiting", ""]);
    expect(calls).toHaveLength(1);
  });

  it("lets every operation of the widget's client wait it out: urql gets the answer that followed the 503", async () => {
    const { fake, calls } = scripted([() => OVERLOADED(1), OK]);
    const { delay } = recordedDelays();
    const states: OverloadState[] = [];
    const api = createApi("http://gateway/graphql", () => "de", { fetch: fake, delay, onState: (s) => states.push(s) });
    const data = await request<{ tenant: { slug: string } }>(api.client, "query { tenant(slug: \"demo\") { slug } }", {});
    expect(data.tenant.slug).toBe("demo");
    expect(calls).toHaveLength(2);
    expect(states).toEqual(["waiting", ""]);
    api.dispose();
  });
});
