export * from "./results.ts";
export * from "./reference.ts";
export * from "./contact.ts";
export * from "./limits.ts";
export * from "./status.ts";
export * from "./decide.ts";
export * from "./channel.ts";
