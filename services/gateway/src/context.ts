import type { Locale, Tenant } from "@terminvergabe/core";
import { GraphQLError } from "graphql";
import type { AppServices } from "./app.ts";
import { localeFromHeader, t } from "./i18n/messages.ts";
import { NO_AUTH, type RequestAuth } from "./identity/request-auth.ts";
import { ANONYMOUS, type Viewer } from "./identity/viewer.ts";

export type { Viewer };

export interface Context {
  services: AppServices;
  locale: Locale;
  /** The browser origin of the request (Origin header); null for same-origin and non-browser clients. */
  origin: string | null;
  /** Who is calling; set once per request by the auth plugin (plugins/auth.ts). */
  viewer: Viewer;
  /** The request's credential and the way to answer with a session cookie (plugins/auth.ts). */
  auth: RequestAuth;
  /**
   * Loads a tenant by slug once per request and enforces its embed allowlist:
   * a browser on an origin the tenant does not allow gets ORIGIN_NOT_ALLOWED.
   */
  tenantBySlug(slug: string): Promise<Tenant | null>;
}

export interface ContextInput {
  headers: { get(name: string): string | null };
  /** graphql-ws connectionParams, where the client may pass `locale`. */
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
}

export function createContext(services: AppServices, input: ContextInput): Context {
  const requested = input.connectionParams?.locale;
  const locale: Locale =
    requested === "de" || requested === "en" ? requested : localeFromHeader(input.headers.get("accept-language"));
  const rawOrigin = input.headers.get("origin");
  const origin = rawOrigin && rawOrigin !== services.config.publicUrl && rawOrigin !== "null" ? rawOrigin : null;
  const cache = new Map<string, Promise<Tenant | null>>();
  return {
    services,
    locale,
    origin,
    viewer: ANONYMOUS,
    auth: NO_AUTH,
    tenantBySlug(slug) {
      let pending = cache.get(slug);
      if (!pending) {
        pending = services.tenants.bySlug(slug).then((tenant) => {
          if (tenant && origin && !tenant.allowedOrigins.includes(origin)) {
            throw new GraphQLError(t("ORIGIN_NOT_ALLOWED", locale), {
              extensions: { code: "ORIGIN_NOT_ALLOWED", http: { status: 403 } },
            });
          }
          return tenant;
        });
        cache.set(slug, pending);
      }
      return pending;
    },
  };
}
