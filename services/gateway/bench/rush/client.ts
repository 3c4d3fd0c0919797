/**
 * The rush's HTTP client: `node:http` with keep-alive, every citizen on their own loopback
 * source address (Linux routes all of 127.0.0.0/8 to `lo`), so that limits per client
 * address on the gateway see one citizen per address as they would in reality, and a hard
 * cap on the sockets open at once.
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
  /** Hard cap on sockets open at once, over all citizens together. */
  maxSockets: number;
  /** A request without an answer after this long (from getting a socket) is abandoned. */
  timeoutMs: number;
}

/** Citizens per /16 of source addresses, and the first /16 (127.16.x.y: apart from the bot-fleet bench's 127.0/127.1). */
const PER_BLOCK = 65_536;
const FIRST_BLOCK = 16;
/** Globs matching the source addresses of `citizens` citizens (to clear their counters before a run). */
export function citizenAddressGlobs(citizens: number): string[] {
  return Array.from({ length: Math.ceil(citizens / PER_BLOCK) }, (_, i) => `127.${FIRST_BLOCK + i}.*`);
}

/** Citizen number `index`'s own source address: 127.16.0.0, 127.16.0.1, … (65,536 per /16). */
export function citizenAddress(index: number): string {
  const block = FIRST_BLOCK + Math.floor(index / PER_BLOCK);
  if (block > 79) throw new Error(`at most ${(80 - FIRST_BLOCK) * PER_BLOCK} citizens have their own address`);
  return `127.${block}.${(index >> 8) & 255}.${index & 255}`;
}

export class RushClient {
  /** One agent for everyone: its pools are per (gateway, source address), so per citizen. */
  private readonly agent: http.Agent;
  private readonly maxSockets: number;
  private readonly timeoutMs: number;
  private readonly live = new Set<http.ClientRequest>();
  private aborted = false;
  /** Most requests in flight at once (waiting for a socket or not). */
  maxInFlight = 0;

  constructor(options: RushClientOptions) {
    // A citizen sends one request at a time and keeps its connection, as a browser does;
    // maxTotalSockets caps them all together (see evictIdle).
    this.maxSockets = options.maxSockets;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1, maxTotalSockets: options.maxSockets });
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * POSTs a JSON body from the source address `localAddress` (the citizen's); `mutation` sets `x-tv-operation: mutation` as the widget does. A request that failed with ECONNRESET on a reused keep-alive connection
   * before any answer is sent once more on another one, as browsers do: the server closed
   * the idle connection while the request was on its way, and nothing was executed.
   */
  async post(url: string, localAddress: string, body: string, mutation = false): Promise<Answer> {
    const t0 = performance.now();
    const first = await this.postOnce(url, localAddress, body, t0, mutation);
    if (!first.staleConnection) return first.answer;
    this.staleConnectionRetries++;
    return (await this.postOnce(url, localAddress, body, t0, mutation)).answer;
  }

  /** Requests sent again after a reset on a reused keep-alive connection. */
  staleConnectionRetries = 0;

  private postOnce(url: string, localAddress: string, body: string, t0: number, mutation: boolean): Promise<{ answer: Answer; staleConnection?: boolean }> {
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
        // Requests wait for a socket while idle keep-alive sockets of other citizens fill
        // the cap: free one for them once this answer has handed its socket back.
        if (this.atCap()) setImmediate(() => this.evictIdle());
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
          agent: this.agent,
          localAddress,
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
      // Queued behind the cap: an idle socket of another citizen makes room (Node's agent
      // would keep those until the server closes them).
      if (!request.socket && this.atCap()) this.evictIdle();
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

  /** Whether the agent holds as many sockets as the cap allows (its internal count, which maxTotalSockets checks). */
  private atCap(): boolean {
    return (this.agent as http.Agent & { totalSocketCount: number }).totalSocketCount >= this.maxSockets;
  }

  /** Requests waiting for a socket right now. */
  queued(): number {
    let n = 0;
    for (const list of Object.values(this.agent.requests)) n += list?.length ?? 0;
    return n;
  }

  /** Sockets closed to make room for waiting requests (idle keep-alive connections of other citizens). */
  idleEvictions = 0;

  /**
   * Closes one idle keep-alive socket when requests wait for a socket: the agent then opens
   * one for a waiting request (its removeSocket). Node's agent alone would let requests of
   * new citizens wait until the server closed someone else's idle connection.
   */
  private evictIdle(): void {
    let waiting = false;
    for (const name in this.agent.requests) {
      if (this.agent.requests[name]?.length) {
        waiting = true;
        break;
      }
    }
    if (!waiting) return;
    for (const name in this.agent.freeSockets) {
      const socket = this.agent.freeSockets[name]?.[0];
      if (socket && !socket.destroyed) {
        this.idleEvictions++;
        socket.destroy();
        return;
      }
    }
  }

  /** Ends every request in flight (the run's hard time limit) and every socket. */
  abortAll(): void {
    this.aborted = true;
    for (const request of this.live) request.destroy(Object.assign(new Error("aborted"), { code: "aborted" }));
  }

  close(): void {
    this.agent.destroy();
  }
}
