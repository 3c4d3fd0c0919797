import type { DocumentNode, ExecutionArgs, ExecutionResult } from "graphql";
import { getOperationAST } from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import type { Plugin } from "graphql-yoga";

/** Executions of one document before it is compiled (a one-off query is not worth compiling). */
export const COMPILE_AFTER_RUNS = 3;

type Compiled = CompiledQuery | null; // null: graphql-jit cannot compile it; interpret

/**
 * Runs frequent queries and mutations as compiled JavaScript (graphql-jit) instead of
 * graphql-js's interpreter: the widget asks the same few operations again and again, and
 * the 90-day calendar's 270 fields cost more to interpret than to compute.
 *
 * A document is compiled on its third execution, so a flood of distinct one-off queries
 * costs no compilations; parsed documents are shared by yoga's parse cache, so counting
 * per document object counts per operation text. Subscriptions keep the interpreter.
 *
 * When a request's variables do not fit the operation, the compiled query answers before
 * running any resolver, without `data` and in its own wording; that request is handed to
 * the interpreter, so it gets graphql-js's error and status (400) as before.
 */
export function useCompiledExecution(): Plugin {
  const runs = new WeakMap<DocumentNode, number>();
  const compiled = new WeakMap<DocumentNode, Compiled>();
  const compiledFor = (args: ExecutionArgs): Compiled => {
    let entry = compiled.get(args.document);
    if (entry === undefined) {
      const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
      entry = isCompiledQuery(result) ? result : null;
      compiled.set(args.document, entry);
    }
    return entry;
  };
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined)?.operation;
      if (operation !== "query" && operation !== "mutation") return;
      const count = (runs.get(args.document) ?? 0) + 1;
      runs.set(args.document, count);
      if (count < COMPILE_AFTER_RUNS) return;
      const query = compiledFor(args);
      if (!query) return;
      setExecuteFn(async (execution: ExecutionArgs) => {
        const result = (await query.query(execution.rootValue, execution.contextValue, execution.variableValues)) as ExecutionResult;
        if (!("data" in result)) return executeFn(execution);
        return Object.assign(result, { stringify: query.stringify });
      });
    },
  };
}
