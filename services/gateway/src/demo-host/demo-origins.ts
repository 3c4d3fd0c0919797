import type { Config } from "../config.ts";

/**
 * The origins the demo host's pages are served from, for the demo tenants' allowlists: the
 * demo port on localhost, 127.0.0.1 and the host of PUBLIC_URL. Without a demo host
 * (DEMO_PORT=0) none. The seeded ports 4000/4001 stay allowed as well (the e2e suites use
 * 4001).
 */
export function demoOrigins(config: Pick<Config, "publicUrl" | "demoPort">): string[] {
  if (config.demoPort <= 0) return [];
  const pub = new URL(config.publicUrl);
  const hosts = new Set(["localhost", "127.0.0.1", pub.hostname]);
  return [...hosts].map((host) => `${pub.protocol}//${host.includes(":") ? `[${host}]` : host}:${config.demoPort}`);
}
