/**
 * The bot-fleet benchmark's HTTP client: `node:http`, one keep-alive agent per loopback
 * source address, so the gateway's limits per client address see the addresses the
 * simulated people and bots use. Proof of work is solved here (node:crypto), as a script
 * would; a browser solves the same challenge with WebCrypto (widget/src/lib/proof-of-work.ts).
 */
import http from "node:http";
import { CHALLENGE, type Challenge, solveProofOfWork } from "../../test/proof-of-work-solver.ts";

export interface Reply {
  status: number;
  json: { data?: Record<string, any>; errors?: { extensions?: Record<string, unknown> }[] } | null;
  ms: number;
  retryAfterSeconds: number | null;
}

export class AddressClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly url: string,
    readonly address: string,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress: address } as http.AgentOptions);
  }

  post(query: string, variables: Record<string, unknown>, timeoutMs = 30_000): Promise<Reply> {
    const body = JSON.stringify({ query, variables });
    const t0 = performance.now();
    return new Promise((resolve) => {
      const request = http.request(
        this.url,
        { method: "POST", agent: this.agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "accept-language": "de" } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () => {
            let json: Reply["json"] = null;
            try {
              json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            } catch {
              // counted by status
            }
            const retry = Number(response.headers["retry-after"]);
            resolve({ status: response.statusCode ?? 0, json, ms: performance.now() - t0, retryAfterSeconds: Number.isFinite(retry) ? retry : null });
          });
          response.on("error", () => resolve({ status: 0, json: null, ms: performance.now() - t0, retryAfterSeconds: null }));
        },
      );
      request.setTimeout(timeoutMs, () => request.destroy());
      request.on("error", () => resolve({ status: 0, json: null, ms: performance.now() - t0, retryAfterSeconds: null }));
      request.end(body);
    });
  }

  /** A solved challenge of the tenant, or null when the gateway asks for none (or refused). */
  async proof(tenant: string, record: (reply: Reply, op: string) => void): Promise<string | null | "refused"> {
    const reply = await this.post(CHALLENGE, { tenant });
    record(reply, "proofOfWorkChallenge");
    if (reply.status !== 200) return "refused";
    const challenge = reply.json?.data?.proofOfWorkChallenge as Challenge | null | undefined;
    return challenge ? solveProofOfWork(challenge) : null;
  }

  close(): void {
    this.agent.destroy();
  }
}

export const HOLD = `mutation ($input: HoldSlotInput!) { holdSlot(input: $input) { __typename
  ... on Hold { id token start } ... on SlotUnavailable { alternatives { start } } ... on Error { code } } }`;
export const CONFIRM = `mutation ($input: ConfirmBookingInput!) { confirmBooking(input: $input) { __typename
  ... on BookingConfirmation { booking { reference } } ... on Error { code } } }`;
export const AVAILABILITY = `query ($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $from: Date!, $to: Date!) {
  availability(tenant: $tenant, office: $office, items: $items, from: $from, to: $to) { __typename ... on AvailabilityCalendar { days { date freeSlots } } } }`;
export const SLOTS = `query ($tenant: String!, $office: String!, $items: [RequestItemInput!]!, $date: Date!) {
  slots(tenant: $tenant, office: $office, items: $items, date: $date) { __typename ... on SlotList { slots { start } } } }`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
