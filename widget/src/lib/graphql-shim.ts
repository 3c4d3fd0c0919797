/**
 * Stands in for `@0no-co/graphql.web` in the bundles (alias in vite.config.ts). urql parses a
 * string document only to learn the operation's type and name, and prints it only to send
 * the text; the widget's documents are hand-written strings with one operation each, so
 * both are read off the string and the full GraphQL parser and printer stay out of
 * widget.js (≈ 2.7 KB gzip). Tests check every document against the real parser.
 */
export const Kind = { OPERATION_DEFINITION: "OperationDefinition", DOCUMENT: "Document", NAME: "Name" } as const;

interface Source {
  body: string;
  name: string;
  locationOffset: { line: number; column: number };
}

/** A document with only what urql reads: the operation's type and name, and the text. */
export function parse(source: string | Source) {
  const body = typeof source === "string" ? source : source.body;
  const [, operation = "query", name] = /^\s*(query|mutation|subscription)?\s*(\w+)?/.exec(body)!;
  return {
    kind: Kind.DOCUMENT,
    definitions: [{ kind: Kind.OPERATION_DEFINITION, operation, name: name ? { kind: Kind.NAME, value: name } : undefined }],
    loc: { start: 0, end: body.length, source: { body, name: "gql", locationOffset: { line: 1, column: 1 } } },
  };
}

/** The document's own text (every document here comes from `parse`, so it has one). */
export const print = (node: { loc?: { source: Source } }): string => node.loc?.source.body ?? "";

/** What urql makes of an error in a GraphQL response. */
export class GraphQLError extends Error {
  readonly path: readonly (string | number)[] | undefined;
  readonly extensions: Record<string, unknown>;
  constructor(message: string, _nodes?: unknown, _source?: unknown, _positions?: unknown, path?: readonly (string | number)[], _original?: unknown, extensions?: Record<string, unknown>) {
    super(message);
    this.name = "GraphQLError";
    this.path = path;
    this.extensions = extensions ?? {};
  }
}
