import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/** The same error without `locations` (and without the nodes they would be computed from again). */
const withoutLocations = (error: GraphQLError): GraphQLError =>
  new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions: error.extensions });

/**
 * Errors in HTTP answers carry no `locations`. The interpreter's errors have them (yoga
 * computes them from the error's nodes when it writes the answer), graphql-jit's have no
 * nodes and so lost them: once an operation ran compiled (compiled-execution.ts) the same
 * refusal differed by one key, and another agency's object no longer answered exactly like
 * a missing one whatever the order of calls. `path` and `extensions.code` say what failed;
 * locations only pointed into the query text the client sent itself.
 *
 * Single answers only: subscriptions (event streams) are never compiled.
 */
export function useErrorsWithoutLocations(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !("errors" in result) || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((error) => (error instanceof GraphQLError ? withoutLocations(error) : error)) });
    },
  };
}
