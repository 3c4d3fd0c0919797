import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const mainFile = fileURLToPath(new URL("./main.ts", import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), "tv-main-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function start(port: number): Started {
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_PORT: "0", LOG_LEVEL: "info", DATABASE_URL: "" };
  const child = spawn(process.execPath, ["--import", "tsx", mainFile], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor(started: Started, text: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!started.output().includes(text)) {
    if (Date.now() > deadline || started.child.exitCode !== null) {
      throw new Error(`did not see "${text}" in:\n${started.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the gateway process (npm start)", () => {
  it("starts on an embedded database, refuses a second process on the same data directory, and stops cleanly on Ctrl-C", async () => {
    const port = await freePort();
    const first = start(port);
    await waitFor(first, "gateway.started");
    expect(first.output()).toContain("db.seeded");

    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ tenant(slug: "demo-steuerberatung") { slug } }' }),
    });
    expect(await response.json()).toEqual({ data: { tenant: { slug: "demo-steuerberatung" } } });

    const second = start(await freePort());
    expect(await second.exit).toBe(1);
    expect(second.output()).toMatch(/in use by another Terminvergabe process \(PID \d+\)/);

    first.child.kill("SIGINT");
    expect(await first.exit).toBe(0);
    expect(first.output()).toContain("gateway.stopped");

    // The lock was released and the data kept: a restart seeds nothing new.
    const third = start(port);
    await waitFor(third, "gateway.started");
    expect(third.output()).not.toContain("db.seeded");
    third.child.kill("SIGTERM");
    expect(await third.exit).toBe(0);
  }, 180_000); // a real first start: new PGlite directory, migrations, demo seed (scrypt hashes)
});
