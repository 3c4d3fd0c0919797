import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, type GraphQLSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { GENERATED_FILE, generateTypes, loadSchema, SCHEMA_FILE } from "./codegen.ts";
import { sourceDocuments } from "./graphql-documents.ts";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

const problems = (schema: GraphQLSchema, source: string) => validate(schema, parse(source)).map((e) => e.message);

/** Operation names written in the sources (documents are template strings). */
function operationsInSources(): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() || !file.endsWith(".ts") || file.endsWith(".test.ts") || file.includes(`${path.sep}generated${path.sep}`)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/[`\n]\s*(?:query|mutation|subscription) ([A-Za-z_]\w*)\s*[({]/g)) names.push(m[1]!);
  }
  return names.sort();
}

describe("the GraphQL documents of widget, portal and desk", () => {
  const schema = loadSchema();
  const documents = sourceDocuments();

  it.each(documents.map((d) => [d.location, d.source]))("%s is valid against services/gateway/schema.graphql", (_location, source) => {
    expect(problems(schema, source)).toEqual([]);
  });

  it("are all collected: every operation written in src/ is typed and validated here", () => {
    const collected = new Set(documents.map((d) => parse(d.source).definitions.map((def) => ("name" in def ? def.name?.value : undefined))).flat());
    expect(operationsInSources().filter((name) => !collected.has(name))).toEqual([]);
    expect(documents.length).toBeGreaterThan(60);
  });

  it("have unique operation names (one generated type each)", () => {
    const names = documents.map((d) => parse(d.source).definitions.map((def) => ("name" in def ? def.name?.value : "")).join());
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("fail validation when the schema drops a field they read", () => {
    const changed = buildSchema(readFileSync(SCHEMA_FILE, "utf8").replace(/^\s+phoneRequired: Boolean!\n/m, ""));
    const tenant = documents.find((d) => d.location === "src/lib/api.ts#TENANT")!;
    expect(problems(changed, tenant.source)).toEqual([expect.stringContaining('"phoneRequired"')]);
  });

  it("src/generated/graphql.ts is up to date (run `npm run codegen -w @terminvergabe/widget`)", async () => {
    expect(readFileSync(GENERATED_FILE, "utf8")).toBe(await generateTypes());
  });
});
