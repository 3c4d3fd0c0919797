import type { AppServices } from "../app-services.ts";

/**
 * GET /widget/embed-check?tenant=<slug> — whether the requesting page's origin may embed
 * the tenant's booking. The widget asks when the API refuses it (CORS hides the reason),
 * to show the web editor which origin to add. Readable from any origin; it says no more
 * than a refused request would.
 */
export async function embedCheck(services: AppServices, request: Request, url: URL): Promise<Response> {
  const origin = request.headers.get("origin") ?? "";
  const tenant = await services.tenants.bySlug((url.searchParams.get("tenant") ?? "").slice(0, 64));
  const allowed = !!tenant && (origin === services.config.publicUrl || tenant.allowedOrigins.includes(origin));
  return new Response(JSON.stringify({ known: !!tenant, allowed, origin }), {
    headers: { "content-type": "application/json", "access-control-allow-origin": "*", "cache-control": "no-store" },
  });
}
