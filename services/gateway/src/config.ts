import { fileURLToPath } from "node:url";
import { parseProofOfWork, type ProofOfWorkConfig } from "./abuse/proof-of-work-config.ts";
import { parseRateLimits, type RateLimits } from "./abuse/rate-limit-policy.ts";
import { parseTrustProxy, type TrustProxy } from "./http/client-address.ts";
import { parseCronOverrides } from "./jobs/recurring.ts";
import { parseMailKey } from "./mail/mail-cipher.ts";

/** Runtime configuration, read once from the environment (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** Public base URL of the gateway, used in links (manage links, widget snippet). */
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  /** Sender of citizen mail, e.g. "Terminvergabe <noreply@example.org>". */
  mailFrom: string | undefined;
  /** Port of the demo host pages (a second origin); 0 disables them. */
  demoPort: number;
  logLevel: "silent" | "info" | "debug";
  /** Seed the demo tenants when missing (default on). */
  seedDemo: boolean;
  /** One log line per HTTP request (default on; benchmarks turn it off). */
  requestLog: boolean;
  /** How often background jobs poll (hold expiry, outbox), in ms. */
  jobIntervalMs: number;
  /** How long a job's claim keeps other instances off it, in ms (≤ 30 s; renewed while the job runs). */
  jobLeaseMs: number;
  /**
   * How long a mail's delivery claim keeps other instances off it, in ms (default 30 s):
   * a killed instance's claimed mails go out elsewhere after it (within a minute).
   */
  mailLeaseMs: number;
  /** Recurring jobs' cron expressions that differ from the defaults, by kind (null: off). */
  jobCron: Record<string, string | null>;
  /** Job kinds for tests of the queue itself (never set in production). */
  jobTestKinds: string[];
  /** Which X-Forwarded-For hops name the client (TRUST_PROXY; see http/client-address.ts). */
  trustProxy: TrustProxy;
  /** Limits per client address and per tenant (RATE_LIMITS); null: none. */
  rateLimits: RateLimits | null;
  /** Proof of work before holding and confirming (PROOF_OF_WORK, POW_*). */
  proofOfWork: ProofOfWorkConfig;
  /** Queueing delay (ms) past which new GraphQL requests get 503 + Retry-After; 0 disables. */
  admissionMaxDelayMs: number;
  /** How long a booking change may stay unseen by plain availability/slots reads, in ms (0: never). */
  snapshotStalenessMs: number;
  /** Key that seals undelivered mail bodies at rest (MAIL_KEY, 32 bytes hex/base64; default: `mail.key` in the data directory). */
  mailKey: Buffer | undefined;
  /** Serve GraphiQL at /graphql to browsers (GRAPHIQL; default on, off with NODE_ENV=production). */
  graphiql: boolean;
  /** Answer schema introspection (GRAPHQL_INTROSPECTION; default on, off with NODE_ENV=production). */
  introspection: boolean;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return value === "true" || value === "1";
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 4000, "PORT");
  const host = env.HOST || "0.0.0.0";
  const level = env.LOG_LEVEL;
  return {
    port,
    host,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ""),
    databaseUrl: env.DATABASE_URL || undefined,
    // Default: <repository>/data, whichever directory the process was started from.
    dataDir: env.DATA_DIR || fileURLToPath(new URL("../../../data", import.meta.url)),
    redisUrl: env.REDIS_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    demoPort: int(env.DEMO_PORT, port === 0 ? 0 : port + 1, "DEMO_PORT"),
    logLevel: level === "silent" || level === "debug" ? level : "info",
    seedDemo: env.SEED_DEMO !== "false",
    requestLog: env.REQUEST_LOG !== "false",
    jobIntervalMs: Math.max(100, Number(env.JOB_INTERVAL_MS) || 5_000),
    // At most 30 s, so a killed instance's job is taken over within a minute.
    jobLeaseMs: Math.min(30_000, Math.max(500, Number(env.JOB_LEASE_MS) || 30_000)),
    mailLeaseMs: Math.max(2_000, Number(env.MAIL_LEASE_MS) || 30_000),
    jobCron: parseCronOverrides(env.JOB_CRON),
    jobTestKinds: (env.JOB_TEST_KINDS ?? "").split(",").map((k) => k.trim()).filter(Boolean),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    rateLimits: parseRateLimits(env.RATE_LIMITS),
    proofOfWork: parseProofOfWork(env),
    snapshotStalenessMs:
      env.SNAPSHOT_STALENESS_MS === undefined || env.SNAPSHOT_STALENESS_MS === "" ? 1_000 : Math.min(10_000, Math.max(0, Number(env.SNAPSHOT_STALENESS_MS) || 0)),
    mailKey: parseMailKey(env.MAIL_KEY),
    graphiql: flag(env.GRAPHIQL, env.NODE_ENV !== "production"),
    introspection: flag(env.GRAPHQL_INTROSPECTION, env.NODE_ENV !== "production"),
    admissionMaxDelayMs: env.ADMISSION_MAX_DELAY_MS === undefined || env.ADMISSION_MAX_DELAY_MS === "" ? 200 : Math.max(0, Number(env.ADMISSION_MAX_DELAY_MS) || 0),
  };
}
