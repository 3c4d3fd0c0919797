/**
 * Prints the gzip size of the desk bundle and fails over its budget (issue 13: ≤ 150 KB
 * gzip, KB = 1024 bytes). Run after `vite build -c vite.desk.config.ts`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSize } from "./size.ts";

export const DESK_BUDGET_BYTES = 150 * 1024;

const dist = fileURLToPath(new URL("../dist/desk/", import.meta.url));
for (const file of ["desk.js", "locales/en.js"]) {
  const raw = readFileSync(dist + file).length;
  const gz = gzipSize(dist + file);
  console.log(`bundle size: desk/${file} ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(2)} KiB gzip (${gz} B)`);
}
const size = gzipSize(dist + "desk.js");
if (size > DESK_BUDGET_BYTES) {
  console.error(`desk.js is ${size} B gzip, over the budget of ${DESK_BUDGET_BYTES} B`);
  process.exit(1);
}
console.log(`bundle budget: desk/desk.js ${size} B ≤ ${DESK_BUDGET_BYTES} B gzip ✓`);
