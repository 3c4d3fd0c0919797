import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { minifyTemplates } from "./scripts/minify-templates.ts";

/**
 * Library builds, one file each: `vite build` → dist/widget.js (ES module) and
 * `vite build --mode iife` → dist/widget.iife.js (classic script); `--mode portal` and
 * `--mode portal-iife` → dist/portal.js and dist/portal.iife.js (the customer portal).
 * Locale modules are built by vite.locales.config.ts and loaded at run time from next to
 * the script.
 */
export default defineConfig(({ mode }) => {
  const iife = mode.endsWith("iife");
  const name = mode.startsWith("portal") ? "portal" : "widget";
  return {
    plugins: [minifyTemplates()],
    // urql's GraphQL parser and printer are replaced by what hand-written documents need
    // (src/lib/graphql-shim.ts, checked against the real parser by its test).
    resolve: { alias: { "@0no-co/graphql.web": fileURLToPath(new URL("src/lib/graphql-shim.ts", import.meta.url)) } },
    define: {
      "process.env.NODE_ENV": '"production"',
      // A classic script has no import.meta; it finds its URL through document.currentScript.
      ...(iife ? { "import.meta.url": "undefined" } : {}),
    },
    build: {
      target: "es2022",
      outDir: "dist",
      emptyOutDir: mode === "production",
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: name === "portal" ? "src/portal/index.ts" : "src/index.ts",
        name: name === "portal" ? "TerminvergabePortal" : "Terminvergabe",
        formats: [iife ? "iife" : "es"],
        fileName: () => (iife ? `${name}.iife.js` : `${name}.js`),
      },
      rolldownOptions: {
        // Vite leaves ES library output unminified (for consumers' tree-shaking); this file
        // goes straight to browsers, so minify it explicitly.
        output: { minify: true, comments: false },
      },
    },
  };
});
