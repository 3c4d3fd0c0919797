import path from "node:path";
import { defineConfig } from "prisma/config";

// The WASM schema engine arms long timers; unref them so CLI runs do not linger.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = originalSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5_000 && typeof t === "object" && t && "unref" in t) t.unref();
  return t;
}) as typeof setTimeout;

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const client = await PGlite.create({ extensions: { btree_gist } });
    // Typed against an older driver-adapter-utils; the protocol is the same at run time.
    return new PrismaPGlite(client) as never;
  },
});
