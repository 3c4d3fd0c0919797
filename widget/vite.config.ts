import { defineConfig } from "vite";
import { minifyTemplates } from "./scripts/minify-templates.ts";

/**
 * Library builds, one file each: `vite build` → dist/widget.js (ES module) and
 * `vite build --mode iife` → dist/widget.iife.js (classic script). Locale modules are built
 * by vite.locales.config.ts and loaded at run time from next to the script.
 */
export default defineConfig(({ mode }) => {
  const iife = mode === "iife";
  return {
    plugins: [minifyTemplates()],
    define: {
      "process.env.NODE_ENV": '"production"',
      // A classic script has no import.meta; it finds its URL through document.currentScript.
      ...(iife ? { "import.meta.url": "undefined" } : {}),
    },
    build: {
      target: "es2022",
      outDir: "dist",
      emptyOutDir: !iife,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: "src/index.ts",
        name: "Terminvergabe",
        formats: [iife ? "iife" : "es"],
        fileName: () => (iife ? "widget.iife.js" : "widget.js"),
      },
      rolldownOptions: {
        // Vite leaves ES library output unminified (for consumers' tree-shaking); this file
        // goes straight to browsers, so minify it explicitly.
        output: { minify: true, comments: false },
      },
    },
  };
});
