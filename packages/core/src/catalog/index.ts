export * from "./types.ts";
export * from "./policy.ts";
