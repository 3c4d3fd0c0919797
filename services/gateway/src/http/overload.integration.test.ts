import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";
import { listen, type RunningServer } from "../server.ts";

const pglite = testTargets().filter((t) => t.name === "pglite");

describe.each(pglite)("admission control on the HTTP server ($name)", (target) => {
  let h: Harness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startHarness(target, { admissionMaxDelayMs: 100 }, { jobs: false });
    server = await listen(h.app.services, h.yoga, 0, "127.0.0.1");
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  const query = (locale: string) =>
    fetch(`http://127.0.0.1:${server.port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": locale },
      body: JSON.stringify({ query: "{ __typename }" }),
    });

  it("answers 503 with Retry-After and a typed, translated error while the gateway is behind, then admits again", async () => {
    await new Promise((r) => setTimeout(r, 250)); // start-up's own delays have been sampled
    expect((await query("de")).status).toBe(200);
    // The event loop is kept busy (300 ms slices): every request queues behind it.
    const burner = setInterval(() => {
      const until = Date.now() + 300;
      while (Date.now() < until) {
        /* busy */
      }
    }, 0);
    let refused: Response | null = null;
    try {
      // Citizens keep coming, several at a time.
      for (let i = 0; i < 20 && !refused; i++) {
        const answers = await Promise.all(Array.from({ length: 5 }, () => query("de")));
        refused = answers.find((a) => a.status === 503) ?? null;
        await Promise.all(answers.filter((a) => a !== refused).map((a) => a.arrayBuffer()));
      }
      // Refused before the body is read: a body that is not even JSON gets the same 503, not a 400.
      const unparsed = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "de" },
        body: "{not json",
      });
      expect(unparsed.status).toBe(503);
      expect(((await unparsed.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("OVERLOADED");
    } finally {
      clearInterval(burner);
    }
    expect(refused?.status).toBe(503);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await refused!.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("OVERLOADED");
    expect(body.errors[0]?.message).toMatch(/Sehr hohe Nachfrage/);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    const again = await query("en");
    expect(again.status).toBe(200);
  });
});
