import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { createYoga, maskError } from "graphql-yoga";
import type { AppServices } from "./app-services.ts";
import { useCompiledExecution } from "./compiled-execution.ts";
import { type Context, createContext } from "./context.ts";
import { corsOptions } from "./http/cors.ts";
import { useRequestLog } from "./http/request-log.ts";
import { useRoutes } from "./http/routes.ts";
import { useOidcRoutes } from "./identity/oidc-routes.ts";
import { useAdmission } from "./plugins/admission.ts";
import { useAuth } from "./plugins/auth.ts";
import { useCsrfDefences } from "./plugins/csrf.ts";
import { useErrorsWithoutLocations } from "./plugins/error-locations.ts";
import { useRateLimit } from "./plugins/rate-limit.ts";
import { useArgumentLimits } from "./plugins/argument-limits.ts";
import { useNoIntrospection, useSecurityHeaders } from "./plugins/security-headers.ts";
import { schema } from "./schema/index.ts";

/** Query limits (GraphQL Armor defaults, see shared/REFERENCES.md). */
export const queryLimits = {
  maxDepth: { n: 6 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 50 },
  maxTokens: { n: 1000 },
  costLimit: { maxCost: 5000 },
} as const;

/** Builds the HTTP/GraphQL server; `main.ts` listens, tests call `yoga.fetch`. */
export function createGatewayYoga(services: AppServices) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    // GraphiQL's scripts come with the gateway (no CDN: offline intranets), only when enabled.
    graphiql: services.config.graphiql ? { title: "Terminvergabe GraphQL" } : false,
    // Loaded on first use: the bundled GraphiQL is 9 MB of script.
    renderGraphiQL: async (options) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options),
    landingPage: false,
    batching: false,
    // Bodies are limited (64 KiB, known length) by the HTTP server and the routes plugin;
    // yoga's own limit would pipe every body through a byte-counting stream.
    maxRequestBodySize: false,
    // Unexpected errors are masked as "Unexpected error."; typed errors pass through.
    maskedErrors: {
      maskError(error, message, isDev) {
        const original = (error as { originalError?: Error }).originalError ?? error;
        if (!(original instanceof Error && "extensions" in original)) {
          services.logger.error("graphql.unexpected_error", {
            message: (original as Error).message,
            stack: (original as Error).stack?.split("\n").slice(0, 6).map((line) => line.trim()).join(" | "),
          });
        }
        return maskError(error, message, isDev);
      },
    },
    cors: corsOptions(services),
    context: (initial) =>
      createContext(services, {
        headers: initial.request.headers,
        connectionParams: (initial as { connectionParams?: Record<string, unknown> }).connectionParams,
        signal: initial.request.signal,
      }),
    plugins: [
      useSecurityHeaders("/graphql"),
      ...(services.config.introspection ? [] : [useNoIntrospection()]),
      // Before anything that reads arguments (rate limits, resolvers, caches).
      useArgumentLimits(),
      ...(services.config.requestLog ? [useRequestLog(services.logger)] : []),
      useRoutes(services),
      ...useCsrfDefences(),
      useAdmission(services.admission),
      useOidcRoutes(services),
      useAuth(services),
      useRateLimit(services.config.rateLimits, services.limiters),
      EnvelopArmorPlugin(queryLimits),
      useCompiledExecution(),
      useErrorsWithoutLocations(),
    ],
  });
}

export type GatewayYoga = ReturnType<typeof createGatewayYoga>;
