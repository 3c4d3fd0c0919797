import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, testTargets } from "../../test/harness.ts";

/** Where widget-assets.ts reads the bundles from. */
const DIST = process.env.WIDGET_DIST_DIR || fileURLToPath(new URL("../../../../widget/dist/", import.meta.url));
const FILES = ["widget.js", "widget.iife.js", "widget/locales/en.js", "custom-elements.json"];

/** An origin the demo tenants allow (packages/db demo seed), and one nobody allows. */
const ALLOWED = "http://localhost:4001";
const EVIL = "https://evil.example";
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

describe("widget assets (/widget.js, /widget.iife.js, /widget/locales/*)", () => {
  let h: Harness;
  const get = (pathname: string, headers: Record<string, string> = {}, method = "GET") =>
    h.yoga.fetch(`http://localhost${pathname}`, { method, headers });

  beforeAll(async () => {
    // Never skipped: a gateway test run without the bundles would prove nothing about them.
    const missing = FILES.filter((f) => !existsSync(path.join(DIST, f)));
    if (missing.length) {
      throw new Error(
        `the widget is not built (${missing.join(", ")} missing in ${DIST}): run \`npm run build -w @terminvergabe/widget\` ` +
          "(turbo runs it before the gateway's tests)",
      );
    }
    h = await startHarness(testTargets()[0]!);
  });
  afterAll(async () => h?.close());

  it.each([
    ["/widget.js", "widget.js"],
    ["/widget.iife.js", "widget.iife.js"],
    ["/widget/locales/en.js", "widget/locales/en.js"],
  ])("GET %s serves the built file as JavaScript with caching headers", async (pathname, file) => {
    const response = await get(pathname);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe(CACHE_CONTROL);
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    // Another origin's page loads it: the resource policy must let it.
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(response.headers.get("vary")).toMatch(/\bOrigin\b/);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(readFileSync(path.join(DIST, file)))).toBe(true);
    expect(response.headers.get("content-length")).toBe(String(body.length));
  });

  it("gives each file its own ETag, stable across requests", async () => {
    const tags = await Promise.all(["/widget.js", "/widget.iife.js", "/widget/locales/en.js"].map(async (p) => (await get(p)).headers.get("etag")));
    expect(new Set(tags).size).toBe(3);
    expect((await get("/widget.js")).headers.get("etag")).toBe(tags[0]);
  });

  it("answers 304 without a body when If-None-Match names the current ETag, 200 for another", async () => {
    const etag = (await get("/widget.js")).headers.get("etag")!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"stale", ${etag}`, "*"]) {
      const response = await get("/widget.js", { "if-none-match": ifNoneMatch });
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get("etag")).toBe(etag);
      expect(response.headers.get("cache-control")).toBe(CACHE_CONTROL);
      expect(await response.text()).toBe("");
    }
    const stale = await get("/widget.js", { "if-none-match": '"stale"' });
    expect(stale.status).toBe(200);
    expect((await stale.arrayBuffer()).byteLength).toBe(readFileSync(path.join(DIST, "widget.js")).length);
    // The classic build has its own tag: widget.js's does not validate it.
    expect((await get("/widget.iife.js", { "if-none-match": etag })).status).toBe(200);
  });

  it("sends gzip to clients that accept it, and HEAD without a body", async () => {
    const response = await get("/widget.js", { "accept-encoding": "gzip, br" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const body = Buffer.from(await response.arrayBuffer());
    expect(gunzipSync(body).equals(readFileSync(path.join(DIST, "widget.js")))).toBe(true);
    expect(Number(response.headers.get("content-length"))).toBe(body.length);

    const head = await get("/widget.js", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(response.headers.get("etag"));
    expect(await head.text()).toBe("");
  });

  describe("CORS: a module script and the locale import() are cross-origin requests", () => {
    it.each(["/widget.js", "/widget/locales/en.js"])("%s allows an origin a tenant allows", async (pathname) => {
      const response = await get(pathname, { origin: ALLOWED });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    });

    it("allows the gateway's own origin", async () => {
      const response = await get("/widget.js", { origin: h.config.publicUrl });
      expect(response.headers.get("access-control-allow-origin")).toBe(h.config.publicUrl);
    });

    it("loads the widget on an origin no tenant allows (so it can tell the editor, issue 11.14), but not the desk", async () => {
      const requests: Record<string, string>[] = [{ origin: EVIL }, { origin: "http://localhost:4001.evil.example" }];
      for (const headers of requests) {
        const response = await get("/widget.js", headers);
        expect(response.status).toBe(200);
        expect(response.headers.get("access-control-allow-origin"), JSON.stringify(headers)).toBe("*");
      }
      expect((await get("/widget.js", {})).headers.get("access-control-allow-origin")).toBeNull();
      expect((await get("/desk.js", { origin: EVIL })).headers.get("access-control-allow-origin")).toBeNull();
    });

    it("answers the embed check for the requesting origin, readable from anywhere (issue 11.14)", async () => {
      const check = async (origin: string, tenant = "demo-buergerbuero") =>
        (await get(`/widget/embed-check?tenant=${tenant}`, { origin })).json() as Promise<{ known: boolean; allowed: boolean; origin: string }>;
      expect(await check(ALLOWED)).toEqual({ known: true, allowed: true, origin: ALLOWED });
      expect(await check(EVIL)).toEqual({ known: true, allowed: false, origin: EVIL });
      expect(await check(EVIL, "no-such-tenant")).toEqual({ known: false, allowed: false, origin: EVIL });
      expect((await get("/widget/embed-check?tenant=demo-buergerbuero", { origin: EVIL })).headers.get("access-control-allow-origin")).toBe("*");
    });

    it("keeps the CORS decision on 304 responses", async () => {
      const etag = (await get("/widget.js")).headers.get("etag")!;
      const allowed = await get("/widget.js", { origin: ALLOWED, "if-none-match": etag });
      expect(allowed.status).toBe(304);
      expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      const evil = await get("/widget.js", { origin: EVIL, "if-none-match": etag });
      expect(evil.status).toBe(304);
      expect(evil.headers.get("access-control-allow-origin")).toBe("*");
    });
  });

  it("404s a locale that is not built, without caching the answer", async () => {
    const response = await get("/widget/locales/fr.js");
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it.each([
    "/widget",
    "/widget.css",
    "/widgets.js",
    "/widget.js/more",
    "/widget/widget.js",
    "/widget/locales/EN.js",
    "/widget/locales/../../package.json",
    "/widget/locales/%2e%2e%2fpackage.json",
  ])("does not serve %s as an asset (falls through to 404)", async (pathname) => {
    const response = await get(pathname);
    expect(response.status).toBe(404);
    expect(response.headers.get("etag")).toBeNull();
    expect(response.headers.get("content-type") ?? "").not.toMatch(/javascript/);
  });

  it("GET /custom-elements.json serves the manifest of <terminvergabe-booking> and <terminvergabe-portal> (issue 11)", async () => {
    const response = await get("/custom-elements.json", { origin: EVIL });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    // Documentation for any tool or page, like widget.js itself.
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    type Declaration = { tagName?: string; attributes?: { name: string }[]; events?: { name: string }[] };
    const manifest = (await response.json()) as { modules: { declarations?: Declaration[] }[] };
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    const booking = elements.find((d) => d.tagName === "terminvergabe-booking");
    expect(booking?.attributes?.map((a) => a.name)).toEqual(expect.arrayContaining(["tenant", "office", "lang", "api", "mode"]));
    expect(booking?.events?.map((e) => e.name)).toEqual(expect.arrayContaining(["terminvergabe-ready", "terminvergabe-booked"]));
    expect(elements.map((d) => d.tagName)).toContain("terminvergabe-portal");
  });

  it("serves the assets to GET and HEAD only", async () => {
    const response = await h.yoga.fetch("http://localhost/widget.js", { method: "POST", body: "x" });
    expect(response.status).not.toBe(200);
    expect(response.headers.get("etag")).toBeNull();
  });
});
