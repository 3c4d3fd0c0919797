/**
 * The browser session cookie. The `__Host-` prefix makes browsers refuse it unless it is
 * Secure, has Path=/ and no Domain: it can only ever belong to the gateway's own origin.
 * Browsers treat http://localhost as secure, so the embedded demo works without TLS.
 */
export const SESSION_COOKIE = "__Host-tv_session";

export function sessionCookie(token: string, expiresAt: Date): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Expires=${expiresAt.toUTCString()}; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
}

/** The value of cookie `name` in a Cookie header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
