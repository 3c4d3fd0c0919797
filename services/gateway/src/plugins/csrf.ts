/**
 * Cross-site request forgery: a foreign page must not be able to run an operation that the
 * browser sends without asking the gateway first (a CORS preflight).
 * - Requests a browser sends without a preflight (GET, and POST as a form or text/plain)
 *   need a custom header (`x-graphql-yoga-csrf`, @graphql-yoga/plugin-csrf-prevention);
 *   a page can only add one after a preflight, which only allowed origins pass.
 * - Operations sent by POST must be JSON: `multipart/form-data` and
 *   `application/x-www-form-urlencoded` bodies (which yoga would parse) are refused with
 *   415, so no mutation arrives in a shape a plain HTML form can produce.
 * - `Origin: null` (sandboxed frames, files, data: URLs) counts as a browser origin that no
 *   agency allows (see caller.ts `browserOrigin`), not as a missing one.
 */
import { useCSRFPrevention } from "@graphql-yoga/plugin-csrf-prevention";
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { localeFromHeader, t } from "../i18n/messages.ts";

/** The header a non-preflighted request must carry (yoga's default name). */
export const CSRF_HEADER = "x-graphql-yoga-csrf";

const JSON_TYPES = new Set(["application/json", "application/graphql+json"]);

function useJsonOnly(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== "POST") return;
      const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (JSON_TYPES.has(type)) return;
      throw new GraphQLError(t("UNSUPPORTED_MEDIA_TYPE", localeFromHeader(request.headers.get("accept-language"))), {
        extensions: { code: "UNSUPPORTED_MEDIA_TYPE", http: { status: 415, headers: { accept: "application/json" } } },
      });
    },
  };
}

export function useCsrfDefences(): Plugin[] {
  return [useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }), useJsonOnly()];
}
