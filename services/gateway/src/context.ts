import { type Actor, CITIZEN, type Locale, type Tenant } from "@terminvergabe/core";
import { GraphQLError } from "graphql";
import type { AppServices } from "./app-services.ts";
import { browserOrigin, type Caller, originCheckedTenants } from "./caller.ts";
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
  /** Aborted when the HTTP client went away before its answer. */
  signal?: AbortSignal | undefined;
}

export interface ContextInput {
  headers: { get(name: string): string | null };
  /** graphql-ws connectionParams, where the client may pass `locale`. */
  connectionParams?: Readonly<Record<string, unknown>> | undefined;
  /** The HTTP request's signal: aborted when the client disconnects. */
  signal?: AbortSignal | undefined;
}

export function createContext(services: AppServices, input: ContextInput): Context {
  const requested = input.connectionParams?.locale;
  const locale: Locale =
    requested === "de" || requested === "en" ? requested : localeFromHeader(input.headers.get("accept-language"));
  const origin = browserOrigin(input.headers, services.config.publicUrl);
  const tenantBySlug = originCheckedTenants(
    (slug) => services.tenants.bySlug(slug),
    origin,
    () => new GraphQLError(t("ORIGIN_NOT_ALLOWED", locale), { extensions: { code: "ORIGIN_NOT_ALLOWED", http: { status: 403 } } }),
    () => services.tenants.generation,
  );
  return {
    services,
    locale,
    origin,
    viewer: ANONYMOUS,
    auth: NO_AUTH,
    tenantBySlug,
    signal: input.signal,
  };
}

/** The actor a viewer acts as in the domain (status history, audit, staff rules). */
export function actorOf(viewer: Viewer): Actor {
  switch (viewer.kind) {
    case "anonymous":
      return CITIZEN;
    case "customer":
      return { kind: "customer", tenantId: viewer.tenantId, customerId: viewer.customerId };
    case "staff":
      return { kind: "staff", tenantId: viewer.tenantId, userId: viewer.userId };
    default: {
      const unreachable: never = viewer;
      throw new Error(`unknown viewer ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * What a resolver hands to a service: who calls (read when the resolver runs, after the
 * auth plugin has set the viewer), the language, and the origin-checked tenant lookup.
 */
export function callerOf(ctx: Context): Caller {
  const address = ctx.auth.clientAddress;
  return {
    actor: actorOf(ctx.viewer),
    locale: ctx.locale,
    tenantBySlug: ctx.tenantBySlug,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(address !== "unknown" ? { address } : {}),
  };
}
