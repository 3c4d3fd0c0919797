/** A small closed-loop HTTP load generator: `concurrency` clients, each sending the next request as soon as the last answered. */
import http from "node:http";

// node:http with keep-alive costs the load generator far less CPU than fetch, and the
// generator shares the machine with the gateway and the database it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A GraphQL answer, loosely typed for the benchmark. */
export type GraphQLAnswer = { data?: Record<string, Record<string, string> | null> };

/** POSTs a GraphQL operation and returns the parsed answer. */
export async function postGraphQL(url: string, query: string, variables: unknown): Promise<GraphQLAnswer> {
  return (await postJson(url, JSON.stringify({ query, variables }))).json as GraphQLAnswer;
}

/** POSTs a JSON body (from `localAddress`, if given) and returns the status and the parsed answer. */
export function postJson(url: string, body: string, localAddress?: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, ...(localAddress ? { localAddress } : {}), headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        try {
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
        } catch (error) {
          reject(error);
        }
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Completed bookings per second and their latency percentiles (sorts `latencies`). */
export function bookingFigures(latencies: number[], seconds: number): { bookings: number; bookingsPerSecond: number; p50Ms: number; p99Ms: number } {
  latencies.sort((a, b) => a - b);
  return {
    bookings: latencies.length,
    bookingsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}

export async function runLoad(options: {
  url: string;
  body: string;
  concurrency: number;
  durationMs: number;
  check?: (json: unknown) => boolean;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const { status, json } = await postJson(options.url, options.body);
        if (status !== 200 || (options.check && !options.check(json))) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round(latencies.length / seconds),
    p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
  };
}
