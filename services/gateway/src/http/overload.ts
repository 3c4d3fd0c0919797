import type { IncomingMessage, ServerResponse } from "node:http";
import { localeFromHeader, t } from "../i18n/messages.ts";
import { refusedBody } from "./body-limit.ts";

/**
 * Answers a request the gateway cannot take now: 503 with Retry-After and a typed,
 * translated GraphQL error, before its body is read. A browser origin that some tenant
 * allows gets the CORS header, so the widget can read the answer and wait calmly.
 */
export function refuseOverloaded(
  request: IncomingMessage,
  response: ServerResponse,
  retryAfterSeconds: number,
  originAllowed: (origin: string) => boolean,
): void {
  const locale = localeFromHeader(request.headers["accept-language"]);
  const origin = request.headers.origin;
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "retry-after": String(retryAfterSeconds),
    "cache-control": "no-store",
  };
  if (origin && originAllowed(origin)) {
    headers["access-control-allow-origin"] = origin;
    headers["access-control-expose-headers"] = "retry-after";
    headers.vary = "origin";
  }
  // The body is drained, not parsed: the connection stays open for the retry, so a refused
  // client does not come back through the listen queue. A body past the limit (or of
  // unknown length) is not drained: that connection closes after the answer.
  if (refusedBody(request.headers)) headers.connection = "close";
  else request.resume();
  response.writeHead(503, headers);
  response.end(
    JSON.stringify({
      errors: [{ message: t("OVERLOADED", locale), extensions: { code: "OVERLOADED", retryAfterSeconds } }],
    }),
  );
}
