import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One copy of graphql: externalized dependencies (Pothos, yoga) load its CommonJS
    // build under Node, so our sources must too, or errors and types come from two
    // realms (see shared/STACK.md).
    alias: { graphql: require.resolve("graphql/index.js") },
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
