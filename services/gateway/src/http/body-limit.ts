import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted: every real operation is far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The typed GraphQL-style error answer for a refused body. */
export function bodyLimitError(code: "PAYLOAD_TOO_LARGE" | "LENGTH_REQUIRED"): { status: number; body: string } {
  const message = code === "PAYLOAD_TOO_LARGE" ? "Anfrage zu groß / Request too large" : "Längenangabe fehlt / Content-Length required";
  return { status: code === "PAYLOAD_TOO_LARGE" ? 413 : 411, body: JSON.stringify({ errors: [{ message, extensions: { code } }] }) };
}

/** Why a request's body is refused before it is read, or null when it may be read. */
export function refusedBody(headers: { "content-length"?: string | undefined; "transfer-encoding"?: string | undefined }): "PAYLOAD_TOO_LARGE" | "LENGTH_REQUIRED" | null {
  // Node's parser rejects a request with both headers, and reads exactly Content-Length
  // bytes as the body: a stated length within the limit bounds what is read.
  if (headers["transfer-encoding"] !== undefined) return "LENGTH_REQUIRED";
  return Number(headers["content-length"] ?? 0) > MAX_BODY_BYTES ? "PAYLOAD_TOO_LARGE" : null;
}

/**
 * Refuses an oversized body, or one of unknown length (chunked), on the node:http server,
 * before anything reads it; answers and returns true, or returns false. Doing this here
 * instead of in yoga spares every request yoga's byte-counting stream.
 */
export function refuseBody(request: IncomingMessage, response: ServerResponse): boolean {
  const code = refusedBody(request.headers);
  if (!code) return false;
  const { status, body } = bodyLimitError(code);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", connection: "close" });
  response.end(body);
  return true;
}
