import { parse as realParse, type OperationDefinitionNode } from "@0no-co/graphql.web";
import { describe, expect, it } from "vitest";
import * as api from "./api.ts";
import { GraphQLError, parse, print } from "./graphql-shim.ts";

const documents: [string, string][] = Object.entries(api as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === "string" && /^\s*(query|mutation|subscription)\b/.test(value) ? [[name, value] as [string, string]] : [],
);

// urql itself runs on the stand-in in the e2e suites, which load the built widget.js.
describe("the stand-in for the GraphQL parser in the bundle", () => {
  it("reads the same operation type and name as the real parser from every document of the widget", () => {
    expect(documents.length).toBeGreaterThan(5);
    for (const [name, document] of documents) {
      const real = realParse(document).definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
      expect(real, name).toHaveLength(1);
      const shim = parse(document).definitions[0]!;
      expect({ operation: shim.operation, name: shim.name?.value }, name).toEqual({ operation: real[0]!.operation, name: real[0]!.name?.value });
      expect(print(parse(document))).toBe(document);
    }
  });

  it("keeps an error's path and extensions (codes the widget reads)", () => {
    const error = new GraphQLError("nope", undefined, undefined, undefined, ["holdSlot"], undefined, { code: "ORIGIN_NOT_ALLOWED" });
    expect(error).toBeInstanceOf(Error);
    expect(error.extensions.code).toBe("ORIGIN_NOT_ALLOWED");
    expect(error.path).toEqual(["holdSlot"]);
  });
});
