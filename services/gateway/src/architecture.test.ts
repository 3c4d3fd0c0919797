import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import madge from "madge";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The same sources and settings as `npm run cycles` (.madgerc at the root). */
const sources = [
  ...readdirSync(`${root}packages`).map((name) => `packages/${name}/src`),
  "services/gateway/src",
  "widget/src",
];
const config = JSON.parse(readFileSync(`${root}.madgerc`, "utf8")) as Record<string, unknown> & { tsConfig: string };

describe("architecture", () => {
  // A cycle makes module initialisation order matter (an import is undefined while its
  // module is still loading) and ties layers together: core and db must not know the
  // gateway, services must not know the composition root. Type-only imports count too.
  it("has no circular imports", async () => {
    const result = await madge(
      sources.map((dir) => `${root}${dir}`),
      { ...config, baseDir: root, tsConfig: `${root}${config.tsConfig}` },
    );
    expect(result.circular()).toEqual([]);
  }, 120_000);
});
