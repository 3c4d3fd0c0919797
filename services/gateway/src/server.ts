import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ExecutionArgs, ExecutionResult } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { AppServices } from "./app-services.ts";
import type { Context } from "./context.ts";
import { MAX_BODY_BYTES, refuseBody } from "./http/body-limit.ts";
import { refuseOverloaded } from "./http/overload.ts";
import { Multicast } from "./multicast.ts";
import { declaredKind } from "./plugins/admission.ts";
import { API_CSP, BASE_HEADERS } from "./plugins/security-headers.ts";
import type { GatewayYoga } from "./yoga.ts";

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  return headers;
}

type EnvelopedRoot = {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: ExecutionArgs) => unknown;
  /** Identical subscriptions (same operation, variables, language, origin) share one stream. */
  shareKey: string;
};

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** A subscribe result as a stream: an early error result becomes a one-item stream. */
async function* asStream(result: unknown): AsyncGenerator<ExecutionResult> {
  const settled = await result;
  if (isAsyncIterable(settled)) yield* settled;
  else yield settled as ExecutionResult;
}

/**
 * HTTP and graphql-ws on the same port and path (/graphql). WebSocket upgrades are
 * accepted from the gateway's own origin, origins some tenant allows, and non-browser
 * clients (no Origin header); per-tenant checks happen in the resolvers as for HTTP.
 */
/** Connections the kernel queues for accept (see `listen` below). */
const LISTEN_BACKLOG = 4096;

export async function listen(services: AppServices, yoga: GatewayYoga, port: number, host = "0.0.0.0"): Promise<RunningServer> {
  const admission = services.admission;
  // A synchronous view of the allowed origins for answers given before yoga runs.
  let origins = await services.allowedOrigins();
  const originTimer = setInterval(() => void services.allowedOrigins().then((o) => (origins = o), () => undefined), 30_000);
  originTimer.unref();
  const originAllowed = (origin: string) => origin === services.config.publicUrl || origins.has(origin);
  const server = createServer((request, response) => {
    // Answers written before yoga runs (refused bodies, overload) carry them too; yoga's
    // own headers (security-headers plugin) take precedence where both are set.
    for (const [name, value] of Object.entries(BASE_HEADERS)) response.setHeader(name, value);
    response.setHeader("content-security-policy", API_CSP);
    // Admission first: GraphQL over HTTP is where work queues (health checks and static
    // files stay cheap). A refusal is decided from the headers alone — a mutation says so
    // in `x-tv-operation`, everything else counts as a read — and answered before the
    // body is read or any GraphQL is parsed.
    const graphql = admission.enabled && request.method !== "OPTIONS" && request.url?.startsWith(yoga.graphqlEndpoint);
    if (graphql && !admission.admit(declaredKind(request.headers))) {
      refuseOverloaded(request, response, admission.retryAfterSeconds(), originAllowed);
      return;
    }
    if (refuseBody(request, response)) return;
    if (graphql) response.once("close", admission.begin());
    void yoga(request, response);
  });
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  server.on("upgrade", (request, socket, head) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const origin = request.headers.origin;
    void (async () => {
      const allowed =
        path === yoga.graphqlEndpoint &&
        (!origin || origin === services.config.publicUrl || (await services.allowedOrigins()).has(origin));
      if (!allowed) {
        socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
        socket.destroy();
        return;
      }
      wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit("connection", ws, request));
    })().catch(() => socket.destroy());
  });

  // Ten thousand widgets showing the same day run one GraphQL execution per change,
  // not ten thousand.
  const shared = new Multicast<ExecutionResult>();
  const wsCleanup = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => {
        const root = args.rootValue as EnvelopedRoot;
        return shared.subscribe(root.shareKey, () => asStream(root.subscribe(args))) as never;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const upgrade = ctx.extra.request;
        const request = new Request(`http://localhost${upgrade.url ?? "/graphql"}`, { headers: headersOf(upgrade) });
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          request,
          // The upgrade's socket: the client address for rate limits and per-address holds.
          req: upgrade,
          connectionParams: ctx.connectionParams,
          params: payload,
        });
        const contextValue = (await contextFactory()) as unknown as Context;
        // Only callers who would get the same answer share an execution: the viewer
        // (signed-in session or nobody) is part of the key.
        const viewer = contextValue.viewer;
        const shareKey = JSON.stringify([
          payload.query,
          payload.operationName ?? null,
          payload.variables ?? null,
          upgrade.headers.origin ?? null,
          upgrade.headers["accept-language"] ?? null,
          ctx.connectionParams ?? null,
          viewer.kind === "anonymous" ? null : viewer.session.id,
        ]);
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName ?? null,
          document: parse(payload.query),
          variableValues: payload.variables ?? null,
          contextValue,
          rootValue: { execute, subscribe, shareKey } satisfies EnvelopedRoot,
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A rush opens thousands of connections a second: with Node's default backlog (511) the
    // kernel dropped their SYNs (ListenOverflows in the rush benchmark) and clients waited
    // out 1-, 3- and 7-second retransmits before their request was even seen. The kernel
    // caps this at net.core.somaxconn.
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    async close() {
      clearInterval(originTimer);
      await wsCleanup.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
