import { useGraphQlJit } from "@envelop/graphql-jit";
import type { Plugin } from "graphql-yoga";
import { type DocumentNode, getOperationAST, getVariableValues } from "graphql";

/** Executions of one document before it is compiled (a one-off query is not worth compiling). */
export const COMPILE_AFTER_RUNS = 3;

/**
 * Runs frequent queries and mutations as compiled JavaScript (graphql-jit) instead of
 * graphql-js's interpreter: the widget asks the same few operations again and again, and
 * the 90-day calendar's 270 fields cost more to interpret than to compute.
 *
 * A document is compiled on its third execution, so a flood of distinct one-off queries
 * costs no compilations; parsed documents are shared by yoga's parse cache, so counting
 * per document object counts per operation text. Subscriptions keep the interpreter, and
 * so do requests whose variables do not fit the operation: graphql-jit would answer those
 * with a 200 and its own wording instead of graphql-js's 400.
 */
export function useCompiledExecution(): Plugin {
  const runs = new WeakMap<DocumentNode, number>();
  return useGraphQlJit(
    {},
    {
      enableIf(args) {
        const operation = getOperationAST(args.document, args.operationName ?? undefined);
        if (operation?.operation !== "query" && operation?.operation !== "mutation") return false;
        const count = (runs.get(args.document) ?? 0) + 1;
        runs.set(args.document, count);
        if (count < COMPILE_AFTER_RUNS) return false;
        const variables = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 1 });
        return variables.errors === undefined;
      },
    },
  ) as Plugin;
}
