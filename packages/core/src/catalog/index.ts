export * from "./types.ts";
export * from "./policy.ts";
export * from "./membership-number.ts";
