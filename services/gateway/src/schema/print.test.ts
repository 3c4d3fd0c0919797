import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printSchemaFile, SCHEMA_FILE } from "./print.ts";

describe("schema.graphql", () => {
  it("is up to date with the Pothos schema (run `npm run schema:print -w @terminvergabe/gateway`)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(printSchemaFile());
  });
});
