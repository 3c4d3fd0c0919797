// The analyzer's typings describe its configuration only; its programmatic API (index.js
// exports `create` and the TypeScript it was built with) is untyped. The Lit plugin's module:
// custom-elements-lit-plugin.d.ts.
import type { Plugin } from "@custom-elements-manifest/analyzer";

declare module "@custom-elements-manifest/analyzer" {
  export const ts: typeof import("typescript");
  export function create(options: { modules: import("typescript").SourceFile[]; plugins?: Plugin[] }): unknown;
}
