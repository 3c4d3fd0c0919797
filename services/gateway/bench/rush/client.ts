/**
 * The rush's HTTP client: `node:http` with keep-alive, one agent per loopback source
 * address (127.0.0.2 … 127.0.0.9), so that limits per client address on the gateway see
 * eight addresses instead of one, and a hard cap on the sockets open at once.
 *
 * `node:http` rather than fetch + an undici `Agent({ connect: { localAddress } })`: it
 * takes `localAddress` directly, needs no extra dependency (Node 20's global fetch only
 * accepts a `dispatcher` from a compatible undici version), and costs the load generator
 * far less CPU per request (see ../load.ts) on a machine it shares with what it measures.
 */
import http from "node:http";

export interface Answer {
  /** HTTP status; 0 when no answer came (network error, timeout, aborted). */
  status: number;
  json: unknown;
  /** Seconds from a Retry-After header, if any. */
  retryAfterSeconds?: number;
  /** From the moment the request had a socket until the whole answer was read, in ms. */
  ms: number;
  /** How long the request waited for one of the capped sockets before that, in ms. */
  socketWaitMs: number;
  /** Of `ms`, the TCP handshake of a new connection (0 on a reused one). */
  connectMs: number;
  /** Set when no answer came: "timeout", "aborted" or the error's code. */
  error?: string;
}

export interface RushClientOptions {
  /** Source addresses, one agent each (default 127.0.0.2 … 127.0.0.9). */
  localAddresses?: string[];
  /** Hard cap on sockets open at once, over all agents together. */
  maxSockets: number;
  /** A request without an answer after this long (from getting a socket) is abandoned. */
  timeoutMs: number;
}

export const defaultLocalAddresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);

export class RushClient {
  readonly localAddresses: string[];
  private readonly agents: http.Agent[];
  private readonly timeoutMs: number;
  private readonly live = new Set<http.ClientRequest>();
  private aborted = false;
  /** Most requests in flight at once (waiting for a socket or not). */
  maxInFlight = 0;

  constructor(options: RushClientOptions) {
    this.localAddresses = options.localAddresses ?? defaultLocalAddresses;
    const perAgent = Math.max(1, Math.floor(options.maxSockets / this.localAddresses.length));
    this.agents = this.localAddresses.map(
      (localAddress) =>
        // maxTotalSockets caps the agent over all gateways it talks to; maxSockets per gateway.
        new http.Agent({ keepAlive: true, maxSockets: perAgent, maxTotalSockets: perAgent, maxFreeSockets: perAgent, localAddress } as http.AgentOptions),
    );
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * POSTs a JSON body from source address number `addressIndex` (modulo the number of
   * addresses); `mutation` sets `x-tv-operation: mutation` as the widget does. A request that failed with ECONNRESET on a reused keep-alive connection
   * before any answer is sent once more on another one, as browsers do: the server closed
   * the idle connection while the request was on its way, and nothing was executed.
   */
  async post(url: string, addressIndex: number, body: string, mutation = false): Promise<Answer> {
    const t0 = performance.now();
    const first = await this.postOnce(url, addressIndex, body, t0, mutation);
    if (!first.staleConnection) return first.answer;
    this.staleConnectionRetries++;
    return (await this.postOnce(url, addressIndex, body, t0, mutation)).answer;
  }

  /** Requests sent again after a reset on a reused keep-alive connection. */
  staleConnectionRetries = 0;

  private postOnce(url: string, addressIndex: number, body: string, t0: number, mutation: boolean): Promise<{ answer: Answer; staleConnection?: boolean }> {
    if (this.aborted) return Promise.resolve({ answer: { status: 0, json: null, ms: 0, socketWaitMs: 0, connectMs: 0, error: "aborted" } });
    return new Promise((resolve) => {
      let tSocket = 0;
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      let answered = false;
      let connected = false;
      let tConnect = 0;
      const finish = (answer: Omit<Answer, "ms" | "socketWaitMs" | "connectMs">) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.live.delete(request);
        const end = performance.now();
        const start = tSocket || end;
        const staleConnection = answer.error === "ECONNRESET" && request.reusedSocket && !answered;
        // A reset on a fresh connection is the server's doing (e.g. it closed with the
        // request body unread): labelled apart, counted as an untyped error.
        // Before the TCP handshake completed points at the server's accept queue instead.
        const error =
          answer.error && !connected
            ? `${answer.error} before connect`
            : answer.error === "ECONNRESET" && !request.reusedSocket
              ? "ECONNRESET (fresh connection)"
              : answer.error;
        const connectMs = tConnect ? tConnect - start : connected ? 0 : end - start;
        resolve({ answer: { ...answer, ...(error ? { error } : {}), ms: end - start, socketWaitMs: start - t0, connectMs }, staleConnection });
      };
      const request = http.request(
        url,
        {
          method: "POST",
          agent: this.agents[addressIndex % this.agents.length],
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "accept-language": "de",
            ...(mutation ? { "x-tv-operation": "mutation" } : {}),
          },
        },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const status = response.statusCode ?? 0;
            const retryAfter = Number(response.headers["retry-after"]);
            let json: unknown = null;
            try {
              json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            } catch {
              // A non-JSON answer counts by its status.
            }
            finish({ status, json, ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}) });
          });
          response.on("error", (error: NodeJS.ErrnoException) => finish({ status: 0, json: null, error: error.code ?? error.message }));
        },
      );
      this.live.add(request);
      this.maxInFlight = Math.max(this.maxInFlight, this.live.size);
      request.on("socket", (socket) => {
        tSocket = performance.now();
        if (socket.connecting)
          socket.once("connect", () => {
            connected = true;
            tConnect = performance.now();
          });
        else connected = true;
        timer = setTimeout(() => request.destroy(Object.assign(new Error("timeout"), { code: "timeout" })), this.timeoutMs);
      });
      request.on("error", (error: NodeJS.ErrnoException) => finish({ status: 0, json: null, error: this.aborted ? "aborted" : (error.code ?? error.message) }));
      request.end(body);
    });
  }

  /** Requests waiting for a socket right now, over all agents. */
  queued(): number {
    let n = 0;
    for (const agent of this.agents) for (const list of Object.values(agent.requests)) n += list?.length ?? 0;
    return n;
  }

  /** Ends every request in flight (the run's hard time limit) and every socket. */
  abortAll(): void {
    this.aborted = true;
    for (const request of this.live) request.destroy(Object.assign(new Error("aborted"), { code: "aborted" }));
  }

  close(): void {
    for (const agent of this.agents) agent.destroy();
  }
}
