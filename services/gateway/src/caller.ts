import type { Actor, Locale, Tenant } from "@terminvergabe/core";

/**
 * Who is asking, in plain terms: what the services need from a GraphQL operation, an HTTP
 * route or a job, without knowing which one it was.
 */
export interface Caller {
  actor: Actor;
  /** Language of what the caller gets back (and of mails it causes, unless it names another). */
  locale: Locale;
  /**
   * The tenant by slug, null when unknown. Refuses (throws) a tenant whose embed allowlist
   * does not include the caller's browser origin, so no service can forget that check.
   */
  tenantBySlug(slug: string): Promise<Tenant | null>;
  /**
   * Aborted when the client that asked has gone away (HTTP disconnect): work that would
   * only serve it — a hold nobody will confirm — is skipped or undone.
   */
  signal?: AbortSignal;
  /**
   * The client's network address (behind trusted proxies, the forwarded one), for the
   * per-address abuse limits; absent for jobs and in-process calls without a socket.
   */
  address?: string;
}

/** The browser origin of a request (Origin header); null for same-origin and non-browser clients. */
export function browserOrigin(headers: { get(name: string): string | null }, publicUrl: string): string | null {
  const raw = headers.get("origin");
  // "null" (a sandboxed frame, a file, a data: URL) is a browser origin no tenant allows, not
  // the absence of one: it must not pass as a same-origin or non-browser call.
  return raw && raw !== publicUrl ? raw : null;
}

/**
 * A tenant lookup for one request: loads each slug once and refuses, with the error
 * `refuse` makes, a tenant that does not allow `origin`.
 */
export function originCheckedTenants(
  bySlug: (slug: string) => Promise<Tenant | null>,
  origin: string | null,
  refuse: () => Error,
  generation: () => number = () => 0,
): (slug: string) => Promise<Tenant | null> {
  // A subscription keeps its context for hours: a configuration change (a new generation
  // of the catalog cache) makes it read the tenant again.
  let seen = generation();
  const cache = new Map<string, Promise<Tenant | null>>();
  return (slug) => {
    if (generation() !== seen) {
      cache.clear();
      seen = generation();
    }
    let pending = cache.get(slug);
    if (!pending) {
      pending = bySlug(slug).then((tenant) => {
        if (tenant && origin && !tenant.allowedOrigins.includes(origin)) throw refuse();
        return tenant;
      });
      cache.set(slug, pending);
    }
    return pending;
  };
}
