import { type TestDatabase, type TestTarget, testTargets } from "@terminvergabe/db/testing";
import { type App, type AppOptions, createApp } from "../src/app.ts";
import { type Config, loadConfig } from "../src/config.ts";
import { createGatewayYoga, type GatewayYoga } from "../src/yoga.ts";

export { testTargets, type TestTarget };

export interface Harness {
  app: App;
  yoga: GatewayYoga;
  database: TestDatabase;
  config: Config;
  /** POSTs a GraphQL operation in-process and returns status, headers and parsed body. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] } }>;
  close(): Promise<void>;
}

/** A gateway on a fresh, migrated, seeded database of the given target. */
export async function startHarness(
  target: TestTarget,
  overrides: Partial<Config> = {},
  options: Omit<AppOptions, "db"> = {},
): Promise<Harness> {
  const database = await target.create({ poolSize: 20 });
  // Admission control is off unless a test asks for it: a loaded CI machine would make it refuse at random.
  // So are rate limits and proof of work: tests of them (abuse/*.integration.test.ts) turn them on.
  const config = {
    ...loadConfig({ LOG_LEVEL: "silent", PORT: "0", DEMO_PORT: "0", ADMISSION_MAX_DELAY_MS: "0", RATE_LIMITS: "off", PROOF_OF_WORK: "off" }),
    ...overrides,
  };
  // Tests edit agencies directly in the database: no catalog caching unless asked for.
  const app = await createApp(config, { db: database.db, catalogTtlMs: 0, ...options });
  const yoga = createGatewayYoga(app.services);
  return {
    app,
    yoga,
    database,
    config,
    async gql(query, variables, headers = {}) {
      const response = await yoga.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
