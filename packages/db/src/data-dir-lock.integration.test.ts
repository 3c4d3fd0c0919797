import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./client.ts";
import { DataDirInUseError } from "./data-dir-lock.ts";

const clientModule = fileURLToPath(new URL("./client.ts", import.meta.url));
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tv-lock-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("embedded data directory lock", () => {
  it("given another live process owns the directory, when a second one opens it, then it fails with a clear message", async () => {
    const dataDir = tempDir();
    const owner = spawn(
      process.execPath,
      ["--import", "tsx", "-e", `
        const { openDatabase } = await import(${JSON.stringify(clientModule)});
        const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
        console.log("ready");
        process.stdin.on("data", async () => { await db.close(); process.exit(0); });
      `],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      owner.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
      owner.on("exit", (code) => reject(new Error(`owner exited early with ${code}`)));
    });
    try {
      const attempt = openDatabase({ dataDir });
      await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(attempt).rejects.toThrow(new RegExp(`in use by another Terminvergabe process \\(PID ${owner.pid}\\)`));
    } finally {
      owner.stdin.write("stop\n");
      await new Promise((resolve) => owner.on("exit", resolve));
    }
    // released cleanly: the directory opens again and keeps its data
    const db = await openDatabase({ dataDir });
    await db.close();
  });

  it("given a lock left by a dead process, when opened, then the stale lock is taken over", async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, "terminvergabe.lock"), "999999999");
    const db = await openDatabase({ dataDir });
    await db.ping();
    await db.close();
  });
});
