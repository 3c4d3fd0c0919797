import { NoSchemaIntrospectionCustomRule } from "graphql";
import type { Plugin } from "graphql-yoga";

/**
 * Headers every response carries. The widget is embedded with a script tag on agencies'
 * own origins (never in a frame), so nothing here restricts where scripts are loaded
 * from; pages of the gateway itself may not be framed anywhere (frame-ancestors).
 */
export const BASE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "x-content-type-options": "nosniff",
  // Manage links carry their token in the fragment (never sent), but a page's path
  // still names the agency: nothing leaves with a referrer.
  "referrer-policy": "no-referrer",
});

/** API answers, scripts and files: nothing in them may run or be framed as a page. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * GraphiQL as served by the gateway: one page with its script, styles and editor workers
 * inline (workers run from blob: URLs), talking to the same origin only.
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** A page of the gateway that set no policy of its own: its own scripts and styles only. */
export const PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

/** Adds the base headers, and a policy to responses that set none of their own. */
export function useSecurityHeaders(graphqlEndpoint: string): Plugin {
  return {
    onResponse({ request, response }) {
      for (const [name, value] of Object.entries(BASE_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
      if (response.headers.has("content-security-policy")) return;
      const html = response.headers.get("content-type")?.startsWith("text/html") ?? false;
      const graphiql = html && new URL(request.url).pathname === graphqlEndpoint;
      response.headers.set("content-security-policy", graphiql ? GRAPHIQL_CSP : html ? PAGE_CSP : API_CSP);
    },
  };
}

/** Refuses schema introspection (`__schema`, `__type`) when it is turned off. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
