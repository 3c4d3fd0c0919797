import { createHash, createHmac } from "node:crypto";
import type { DrawHashes } from "../draw.ts";

/** node:crypto behind the draw's hash port — for tests and benchmarks only; the core stays platform-free. */
export const nodeHashes: DrawHashes = {
  sha256: (data) => createHash("sha256").update(data).digest(),
  hmacSha256: (key, data) => createHmac("sha256", key).update(data).digest(),
};
