import { DataDirInUseError } from "@terminvergabe/db";
import { createApp } from "./app.ts";
import { devMailboxEnabled } from "./http/routes.ts";
import { loadConfig } from "./config.ts";
import { createLogger, errorFields } from "./logger.ts";
import { startDemoHost } from "./demo-host/demo-host.ts";
import { listen } from "./server.ts";
import { createGatewayYoga } from "./yoga.ts";

const startedAt = performance.now();
const config = loadConfig();
// Everything the process says goes out as JSON lines, failures too: a stack trace is one field.
const startLogger = createLogger(config.logLevel === "silent" ? "info" : config.logLevel);
process.on("uncaughtException", (error) => {
  startLogger.error("process.uncaught_exception", errorFields(error));
  process.exit(1);
});
process.on("unhandledRejection", (reason) => {
  // Logged, not fatal: a stray rejection (e.g. a dependency's background retry) must not
  // take down every booking in flight.
  startLogger.error("process.unhandled_rejection", errorFields(reason));
});

let app;
try {
  app = await createApp(config);
} catch (error) {
  startLogger.error(error instanceof DataDirInUseError ? "gateway.data_dir_in_use" : "gateway.start_failed", errorFields(error));
  process.exit(1);
}
const yoga = createGatewayYoga(app.services);
const running = await listen(app.services, yoga, config.port, config.host);
const { logger, db } = app.services;
// Demo host pages of the three demo agencies, on a second origin (like an agency's own site).
const demoHost =
  config.demoPort > 0 && config.seedDemo
    ? await startDemoHost({ port: config.demoPort, host: config.host, gatewayUrl: config.publicUrl })
    : null;
logger.info("gateway.started", {
  url: config.publicUrl,
  graphql: `${config.publicUrl}/graphql`,
  demoSites: demoHost ? `http://localhost:${demoHost.port}/` : null,
  devMailbox: devMailboxEnabled(app.services) ? `${config.publicUrl}/dev/mail` : null,
  database: db.description,
  pubsub: config.redisUrl ? "redis" : "memory",
  startupMs: Math.round(performance.now() - startedAt),
  rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("gateway.stopping", { signal });
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await demoHost?.close();
    await running.close();
    await app!.close();
    logger.info("gateway.stopped", {});
    process.exit(0);
  } catch (error) {
    logger.error("gateway.stop_failed", { message: (error as Error).message });
    process.exit(1);
  }
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
