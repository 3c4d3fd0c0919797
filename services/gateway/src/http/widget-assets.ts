import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Where `npm run build -w @terminvergabe/widget` writes the bundles. */
const DIST = process.env.WIDGET_DIST_DIR || fileURLToPath(new URL("../../../../widget/dist/", import.meta.url));

/**
 * The embed URLs are stable (agencies paste them once), so caches keep a file only briefly
 * and then revalidate with the ETag; a new release reaches every site within minutes.
 */
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

interface Asset {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

const cache = new Map<string, Asset>();

/** The file in dist/ a URL path names, or undefined for any other path. */
function fileFor(pathname: string): string | undefined {
  if (pathname === "/widget.js" || pathname === "/widget.iife.js") return pathname.slice(1);
  // The customer portal (widget/src/portal) shares the widget's locale modules.
  if (pathname === "/portal.js" || pathname === "/portal.iife.js") return pathname.slice(1);
  // The staff desk's bundle (widget/src/desk) and its locales: only the /desk pages load them.
  if (pathname === "/desk.js") return "desk/desk.js";
  // The custom elements manifest of widget and portal (attributes, events, parts) for tools.
  if (pathname === "/custom-elements.json") return "custom-elements.json";
  const locale = /^\/(widget|desk)\/locales\/([a-z]{2}(?:-[A-Z]{2})?)\.js$/.exec(pathname);
  return locale ? `${locale[1]}/locales/${locale[2]}.js` : undefined;
}

async function load(file: string): Promise<Asset | undefined> {
  const full = path.join(DIST, file);
  let info;
  try {
    info = await stat(full);
  } catch {
    return undefined;
  }
  const cached = cache.get(full);
  // A rebuild replaces the file: the cache follows its modification time and size.
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached;
  const body = await readFile(full);
  const asset: Asset = {
    mtimeMs: info.mtimeMs,
    size: info.size,
    body,
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
  };
  cache.set(full, asset);
  return asset;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || t === `W/${etag}` || `W/${t}` === etag;
  });
}

/**
 * Serves the widget bundles (`/widget.js`, `/widget.iife.js`), their locale modules
 * (`/widget/locales/<locale>.js`) and the elements' manifest (`/custom-elements.json`) from
 * widget/dist, or returns undefined for other paths.
 *
 * A `<script type="module">` and the locale `import()` are CORS requests: only the gateway's
 * own origin and origins some tenant allows get `Access-Control-Allow-Origin`, so other
 * sites cannot embed the ES build. The classic IIFE script needs no CORS to run.
 */
export async function widgetAsset(
  pathname: string,
  request: Request,
  allowedOrigins: Set<string>,
  publicUrl: string,
): Promise<Response | undefined> {
  const file = fileFor(pathname);
  if (!file || (request.method !== "GET" && request.method !== "HEAD")) return undefined;

  const headers = new Headers({
    "content-type": file.endsWith(".json") ? "application/json; charset=utf-8" : "text/javascript; charset=utf-8",
    "cache-control": CACHE_CONTROL,
    "x-content-type-options": "nosniff",
    "cross-origin-resource-policy": "cross-origin",
    vary: "Origin, Accept-Encoding",
  });
  const origin = request.headers.get("origin");
  if (origin && (origin === publicUrl || allowedOrigins.has(origin))) {
    headers.set("access-control-allow-origin", origin);
  } else if (origin && (file === "widget.js" || file.startsWith("widget/") || file === "custom-elements.json")) {
    // The widget loads anywhere, so that on a site no tenant allows it can tell the editor
    // which origin to add (see embed-check.ts); the API itself still refuses that origin.
    headers.set("access-control-allow-origin", "*");
  }

  const asset = await load(file);
  if (!asset) {
    headers.set("content-type", "text/plain; charset=utf-8");
    headers.set("cache-control", "no-store");
    return new Response("Widget not built: run `npm run build -w @terminvergabe/widget`.\n", { status: 404, headers });
  }
  headers.set("etag", asset.etag);
  if (matches(request.headers.get("if-none-match"), asset.etag)) return new Response(null, { status: 304, headers });

  const gzip = /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
  const body = gzip ? asset.gzip : asset.body;
  if (gzip) headers.set("content-encoding", "gzip");
  headers.set("content-length", String(body.length));
  return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
}
