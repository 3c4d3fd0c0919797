import { defineConfig } from "vite";

/** One self-contained ES module per target locale: dist/widget/locales/<locale>.js. */
export default defineConfig({
  define: { "process.env.NODE_ENV": '"production"' },
  build: {
    target: "es2021",
    outDir: "dist/widget/locales",
    emptyOutDir: false,
    minify: true,
    reportCompressedSize: false,
    lib: {
      entry: { en: "src/generated/locales/en.js" },
      formats: ["es"],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
