export * from "./results.ts";
export * from "./reference.ts";
export * from "./contact.ts";
export * from "./limits.ts";
