import { readCookie, SESSION_COOKIE } from "./session-cookie.ts";

/** What the request presented to authenticate, and how to answer with a cookie. */
export interface RequestAuth {
  /** The session token the request presented and that was honoured, or null. */
  readonly token: string | null;
  readonly via: "cookie" | "bearer" | null;
  /** The client's address, for throttling sign-in attempts. */
  readonly clientAddress: string;
  /** True when a Set-Cookie can reach a browser on the gateway's own origin (HTTP, not cross-origin). */
  readonly canSetCookie: boolean;
  /** Adds a Set-Cookie header to the HTTP response; ignored where canSetCookie is false. */
  setCookie(header: string): void;
}

/** For contexts built outside an HTTP request (jobs, routes, tests): nobody signed in. */
export const NO_AUTH: RequestAuth = Object.freeze({
  token: null,
  via: null,
  clientAddress: "unknown",
  canSetCookie: false,
  setCookie() {},
});

export interface CredentialInput {
  method: string;
  headers: { get(name: string): string | null };
  /** graphql-ws connectionParams: where a WebSocket client passes `authorization`. */
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
  /** The gateway's own origin (PUBLIC_URL). */
  publicOrigin: string;
}

export interface Credential {
  token: string;
  via: "cookie" | "bearer";
}

/** Content types a cross-site form or `fetch` can send without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

/**
 * CSRF rule for the session cookie: it is honoured only on requests another site cannot
 * forge — from the gateway's own origin (or with no Origin at all) and, for POST, with a
 * content type that needs a CORS preflight (application/json). SameSite=Strict already
 * keeps it off cross-site requests; this also covers same-site other origins and old
 * browsers. Mutations never run over GET (yoga refuses them).
 */
export function cookieAllowed(input: CredentialInput): boolean {
  const origin = input.headers.get("origin");
  if (origin !== null && origin !== input.publicOrigin) return false;
  const site = input.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  if (input.method === "GET" || input.method === "HEAD") return true;
  const type = (input.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return type !== "" && !SIMPLE_CONTENT_TYPES.includes(type);
}

/** The credential a request presents: a bearer token (header or graphql-ws connectionParams) before the cookie. */
export function credentialOf(input: CredentialInput): Credential | { rejectedCookie: true } | null {
  const header = input.headers.get("authorization") ?? stringParam(input.connectionParams, "authorization");
  const bearer = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  if (bearer) return { token: bearer[1]!, via: "bearer" };
  const cookie = readCookie(input.headers.get("cookie"), SESSION_COOKIE);
  if (!cookie) return null;
  return cookieAllowed(input) ? { token: cookie, via: "cookie" } : { rejectedCookie: true };
}

function stringParam(params: Readonly<Record<string, unknown>> | undefined, name: string): string | null {
  const value = params?.[name] ?? params?.[name[0]!.toUpperCase() + name.slice(1)];
  return typeof value === "string" ? value : null;
}
