import { defineConfig } from "vite";
import { minifyTemplates } from "./scripts/minify-templates.ts";

/**
 * The staff desk (src/desk), built apart from the booking widget so neither grows the
 * other: `vite build -c vite.desk.config.ts` → dist/desk/desk.js (ES module, served at
 * /desk.js and loaded only by /desk/<tenant>); `--mode locales` → dist/desk/locales/en.js.
 */
export default defineConfig(({ mode }) => {
  const locales = mode === "locales";
  return {
    plugins: [minifyTemplates()],
    define: { "process.env.NODE_ENV": '"production"' },
    build: {
      target: "es2022",
      outDir: locales ? "dist/desk/locales" : "dist/desk",
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: locales
        ? { entry: { en: "src/desk/generated/locales/en.js" }, formats: ["es"], fileName: (_format, name) => `${name}.js` }
        : { entry: "src/desk/index.ts", formats: ["es"], fileName: () => "desk.js" },
      rolldownOptions: { output: { minify: true, comments: false } },
    },
  };
});
