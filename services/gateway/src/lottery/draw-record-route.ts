import type { AppServices } from "../app-services.ts";

/**
 * GET /draws/<tenant>/<campaign>.json — the published draw record (docs/lottery.md). Public
 * and free of personal data, so any origin may read it (no credentials); 404 before the draw.
 */
export async function drawRecordResponse(services: AppServices, tenantSlug: string, campaignSlug: string): Promise<Response> {
  const tenant = await services.tenants.bySlug(tenantSlug);
  const record = tenant ? await services.lottery.record(tenant, campaignSlug) : null;
  if (!record) return new Response("Not found / Nicht gefunden", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(`${JSON.stringify(record, null, 1)}\n`, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "access-control-allow-origin": "*",
      // Move-ups append to the record while the campaign runs.
      "cache-control": "public, max-age=60",
    },
  });
}
