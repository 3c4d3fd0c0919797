/**
 * Prints the gzip size of the built bundles and fails when widget.js or portal.js exceeds
 * its budget (issues 5 and 15: ≤ 35 KB gzip each, KB = 1024 bytes). Run after `vite build`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_BYTES = 35 * 1024;

export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = ["widget.js", "widget.iife.js", "portal.js", "portal.iife.js", "widget/locales/en.js"];
  for (const file of files) {
    const raw = readFileSync(dist + file).length;
    const gz = gzipSize(dist + file);
    console.log(`bundle size: ${file} ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(2)} KiB gzip (${gz} B)`);
  }
  for (const bundle of ["widget.js", "portal.js"]) {
    const size = gzipSize(dist + bundle);
    if (size > BUDGET_BYTES) {
      console.error(`${bundle} is ${size} B gzip, over the budget of ${BUDGET_BYTES} B`);
      process.exit(1);
    }
    console.log(`bundle budget: ${bundle} ${size} B ≤ ${BUDGET_BYTES} B gzip ✓`);
  }
}
