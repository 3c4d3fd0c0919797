// The analyzer's Lit plugin (static properties, decorators), untyped in the package.
declare module "@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js" {
  export function litPlugin(): import("@custom-elements-manifest/analyzer").Plugin[];
}
