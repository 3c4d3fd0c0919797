import type { AppServices } from "../app-services.ts";
import { OPERATION_HEADER } from "../plugins/admission.ts";
import { CSRF_HEADER } from "../plugins/csrf.ts";
import { RATE_LIMIT_HEADERS } from "../plugins/rate-limit.ts";

/**
 * CORS for browsers: an origin gets CORS headers only when some tenant allows it.
 * Which tenant it may reach is checked per request (Context.tenantBySlug), because a
 * preflight does not say which tenant the request is for.
 */
export function corsOptions(services: AppServices) {
  return async (request: Request) => {
    const origin = request.headers.get("origin");
    if (!origin) return false as const;
    const allowed = origin === services.config.publicUrl || (await services.allowedOrigins()).has(origin);
    if (!allowed) return false as const;
    return {
      origin: [origin],
      credentials: false,
      methods: ["GET", "POST", "OPTIONS"],
      allowedHeaders: ["content-type", "accept", "accept-language", "authorization", CSRF_HEADER, OPERATION_HEADER],
      exposedHeaders: RATE_LIMIT_HEADERS,
      maxAge: 600,
    };
  };
}
