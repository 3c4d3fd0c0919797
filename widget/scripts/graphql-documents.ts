/**
 * Every GraphQL document the widget, the portal and the desk send, gathered from the modules
 * that hold them (plain strings, so nothing is added to the bundles). codegen.ts types them
 * and graphql-documents.test.ts validates them against services/gateway/schema.graphql.
 */
import * as booking from "../src/lib/api.ts";
import * as proofOfWork from "../src/lib/proof-of-work.ts";
import * as portal from "../src/portal/portal-api.ts";
import * as desk from "../src/desk/lib/documents.ts";

export interface SourceDocument {
  /** Where it is defined, e.g. `src/lib/api.ts#TENANT`. */
  location: string;
  source: string;
}

const OPERATION = /^\s*(query|mutation|subscription)\b/;

/** The modules that export documents; a new one must be listed here (the test finds strays). */
const MODULES: [string, Record<string, unknown>][] = [
  ["src/lib/api.ts", booking],
  ["src/lib/proof-of-work.ts", proofOfWork],
  ["src/portal/portal-api.ts", portal],
  ["src/desk/lib/documents.ts", desk],
];

export function sourceDocuments(): SourceDocument[] {
  const found: SourceDocument[] = [];
  for (const [file, exports] of MODULES) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "string" && OPERATION.test(value)) found.push({ location: `${file}#${name}`, source: value });
    }
  }
  // Built by a function: one document per mutation it names.
  for (const name of ["confirmOffer", "declineOffer"] as const) {
    found.push({ location: `src/portal/portal-api.ts#answerOffer(${name})`, source: portal.answerOffer(name) });
  }
  // Module namespaces list exports in different orders under tsx and vitest: sort, so the
  // generated file is the same from both.
  return found.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
}
