import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const mainFile = fileURLToPath(new URL("../src/main.ts", import.meta.url));

export interface GatewayProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  exit: Promise<number | null>;
  stop(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `main.ts` as a real gateway process and waits until it listens. */
export async function startGatewayProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<GatewayProcess> {
  const port = Number(env.PORT) || (await freePort());
  const child = spawn(process.execPath, [...(process.env.GATEWAY_NODE_ARGS?.split(" ").filter(Boolean) ?? []), "--import", "tsx", mainFile], {
    // Admission control is off unless a test asks for it: on a loaded CI machine the event
    // loop of a test process can lag past its bound and turn requests away.
    // Rate limits and proof of work likewise: these tests drive many holds from one address.
    env: { ...process.env, DEMO_PORT: "0", LOG_LEVEL: "info", ADMISSION_MAX_DELAY_MS: "0", RATE_LIMITS: "off", PROOF_OF_WORK: "off", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes("gateway.started")) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`gateway did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port,
    output: () => output,
    exit,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exit;
    },
  };
}

/** Sums a numeric field over all JSON log lines with the given event. */
export function sumLogField(output: string, event: string, field: string): number {
  return output
    .split("\n")
    .filter((line) => line.includes(`"event":"${event}"`))
    .reduce((sum, line) => sum + Number((JSON.parse(line) as Record<string, unknown>)[field] ?? 0), 0);
}
