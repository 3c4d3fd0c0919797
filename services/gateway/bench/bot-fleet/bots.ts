/**
 * The bot fleet (a child process of bot-fleet.ts, so the bots' proof-of-work hashing does
 * not slow the citizens' event loop): BOTS bots on 127.0.0.2 … doing all they can for
 * SECONDS seconds — hold any start of a random day, confirm at once with a throw-away
 * mailbox, again and again; a refusal with Retry-After is waited out, a limit reached is
 * tried again five seconds later. Prints one JSON line with what the fleet got.
 */
import { randomBytes } from "node:crypto";
import { AddressClient, CONFIRM, HOLD, type Reply, sleep } from "./client.ts";

const env = process.env;
const url = env.BOT_URL!;
const tenant = env.BOT_TENANT!;
const office = env.BOT_OFFICE!;
const serviceId = env.BOT_SERVICE!;
const days = env.BOT_DAYS!.split(",");
const bots = Number(env.BOTS ?? 100);
const seconds = Number(env.SECONDS ?? 60);

const deadline = Date.now() + seconds * 1000;
const counts: Record<string, number> = {};
const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
let booked = 0;
let proofMs = 0;

function record(reply: Reply, op: string): void {
  const code = reply.status === 200 ? ((reply.json?.data?.[op] as { __typename?: string; code?: string } | undefined)?.code ?? "ok") : `http-${reply.status}`;
  count(`${op}:${code}`);
}

async function pause(reply: Reply): Promise<void> {
  const ms = reply.retryAfterSeconds !== null ? reply.retryAfterSeconds * 1000 : 5_000;
  await sleep(Math.min(ms, Math.max(0, deadline - Date.now())));
}

async function bot(index: number): Promise<void> {
  const client = new AddressClient(url, `127.0.0.${index + 2}`);
  while (Date.now() < deadline) {
    const t0 = performance.now();
    const holdProof = await client.proof(tenant, record);
    proofMs += performance.now() - t0;
    if (holdProof === "refused") {
      await sleep(Math.min(1_000, deadline - Date.now()));
      continue;
    }
    const day = days[Math.floor(Math.random() * days.length)]!;
    const held = await client.post(HOLD, { input: { tenant, office, items: [{ serviceId, quantity: 1 }], day, proofOfWork: holdProof } });
    record(held, "holdSlot");
    const hold = held.json?.data?.holdSlot as { __typename: string; id: string; token: string } | undefined;
    if (held.status !== 200 || hold?.__typename !== "Hold") {
      if (held.status !== 200 || hold?.__typename === "LimitReached") await pause(held);
      continue;
    }
    const t1 = performance.now();
    const confirmProof = await client.proof(tenant, record);
    proofMs += performance.now() - t1;
    if (confirmProof === "refused") continue;
    const email = `${randomBytes(6).toString("hex")}@wegwerf.example`;
    const confirmed = await client.post(CONFIRM, { input: { holdId: hold.id, token: hold.token, contact: { name: "Bot", email }, consent: true, proofOfWork: confirmProof } });
    record(confirmed, "confirmBooking");
    if (confirmed.json?.data?.confirmBooking?.__typename === "BookingConfirmation") booked++;
    else await pause(confirmed);
  }
  client.close();
}

await Promise.all(Array.from({ length: bots }, (_, i) => bot(i)));
console.log(JSON.stringify({ booked, counts, proofSeconds: Math.round(proofMs) / 1000 }));
