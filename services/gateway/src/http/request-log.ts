import type { Plugin } from "graphql-yoga";
import type { Logger } from "../logger.ts";

/** One log line per HTTP request: method, path, status, duration. No bodies, no IPs. */
export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      logger.info("http.request", {
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        ms: start === undefined ? undefined : Math.round((performance.now() - start) * 10) / 10,
      });
    },
  };
}
