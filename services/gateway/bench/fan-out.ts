import { spawn } from "node:child_process";
import WebSocket from "ws";

/** Opens `n` graphql-transport-ws subscriptions and resolves once each got its first result. */
export async function openSubscribers(url: string, n: number, payload: { query: string; variables: unknown }) {
  const sockets: WebSocket[] = [];
  const waiters: ((at: number) => void)[] = [];
  let pending: Promise<number>[] = [];
  const ready: Promise<void>[] = [];
  const arm = () => {
    pending = sockets.map((_, i) => new Promise<number>((resolve) => (waiters[i] = resolve)));
  };
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(url, "graphql-transport-ws");
    sockets.push(ws);
    ready.push(
      new Promise<void>((resolve, reject) => {
        let first = true;
        ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init" })));
        ws.on("error", reject);
        ws.on("message", (data) => {
          const msg = JSON.parse(String(data)) as { type: string };
          if (msg.type === "connection_ack") ws.send(JSON.stringify({ id: "1", type: "subscribe", payload }));
          else if (msg.type === "next") {
            if (first) {
              first = false;
              resolve();
            } else waiters[i]?.(performance.now());
          } else if (msg.type === "error") reject(new Error(String(data)));
        });
      }),
    );
    if (i % 200 === 199) await Promise.all(ready.slice(-200));
  }
  await Promise.all(ready);
  return {
    /** Arms the next delivery; call before triggering the change. */
    arm,
    /** Time from `t0` until every subscriber received the next result, in ms. */
    async all(t0: number): Promise<number> {
      const times = await Promise.all(pending);
      return Math.max(...times) - t0;
    },
    close() {
      for (const ws of sockets) ws.terminate();
    },
  };
}

const BROADCAST_SERVER = `
  const { WebSocketServer } = require("ws");
  const http = require("node:http");
  const server = http.createServer((req, res) => {
    const payload = process.env.PAYLOAD;
    for (const c of wss.clients) c.send(payload);
    res.end("ok");
  });
  const wss = new WebSocketServer({ server });
  server.listen(0, "127.0.0.1", () => console.log("PORT " + server.address().port));
`;

/** The same payload to `n` plain ws clients from a bare server process: the floor for fan-out. */
export async function rawBroadcast(n: number, payload: string): Promise<number> {
  const child = spawn(process.execPath, ["-e", BROADCAST_SERVER], {
    env: { ...process.env, PAYLOAD: payload, NODE_PATH: new URL("../../../node_modules", import.meta.url).pathname },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve) =>
    child.stdout.on("data", (chunk: Buffer) => {
      const m = /PORT (\d+)/.exec(String(chunk));
      if (m) resolve(Number(m[1]));
    }),
  );
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    sockets.push(ws);
    if (i % 200 === 199) await Promise.all(sockets.slice(-200).map((s) => new Promise((r) => s.readyState === 1 ? r(null) : s.once("open", r))));
  }
  await Promise.all(sockets.map((s) => new Promise((r) => (s.readyState === 1 ? r(null) : s.once("open", r)))));
  const received = sockets.map((s) => new Promise<number>((r) => s.once("message", () => r(performance.now()))));
  const t0 = performance.now();
  await fetch(`http://127.0.0.1:${port}/`);
  const times = await Promise.all(received);
  for (const s of sockets) s.terminate();
  child.kill();
  return Math.max(...times) - t0;
}
