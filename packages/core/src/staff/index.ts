export * from "./roles.ts";
export * from "./on-behalf.ts";
export * from "./mass-cancellation.ts";
export * from "./days.ts";
export * from "./statistics.ts";
export * from "./users.ts";
export * from "./closures.ts";
export * from "./configuration.ts";
