/**
 * The desk's browser tests run the gateway on PostgreSQL (a fresh database per file beside
 * TEST_DATABASE_URL): the stack for a whole file, SQL on its database, and the citizen's
 * widget on a page of the gateway's own origin.
 */
import pg from "pg";
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createPostgresDatabase } from "../../../packages/db/src/testing/test-databases.ts";
import { type Stack, startStack } from "./stack.ts";

export interface PostgresStack {
  /** Set once the file's beforeAll ran. */
  readonly stack: Stack;
  readonly databaseUrl: string;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
}

/**
 * Starts the stack on a new PostgreSQL database before the file's tests and drops both after.
 * @param options.demoHost - true: also the demo agency pages on port 4001 (see startStack).
 */
export function usePostgresStack(options: { demoHost?: boolean } = {}): PostgresStack {
  let stack: Stack | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error("the desk's browser tests run the gateway on PostgreSQL: set TEST_DATABASE_URL (.ci/run does)");
    database = await createPostgresDatabase(base);
    stack = await startStack({ databaseUrl: database.url, demoHost: options.demoHost ?? false });
  });
  afterAll(async () => {
    await stack?.close();
    await database?.drop();
  });
  return {
    get stack() {
      if (!stack) throw new Error("the stack starts in beforeAll");
      return stack;
    },
    get databaseUrl() {
      if (!database) throw new Error("the database is created in beforeAll");
      return database.url;
    },
    async sql<T>(text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: this.databaseUrl });
      await client.connect();
      try {
        return (await client.query(text, values)).rows as T[];
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The booking widget of an agency on a page of the gateway's own origin that the test serves
 * itself (the demo host's port 4001 may be taken by another suite).
 */
export async function citizenPage(stack: Stack, tenant: string): Promise<Page> {
  const page = await stack.newPage();
  const url = `${stack.gatewayUrl}/e2e/citizen/${tenant}`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html lang="de"><head><title>Termin</title><script type="module" src="/widget.js"></script></head>
        <body><main><terminvergabe-booking tenant="${tenant}" lang="de"></terminvergabe-booking></main></body></html>`,
    }),
  );
  await page.goto(url);
  return page;
}
