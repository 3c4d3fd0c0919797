export * from "./result.ts";
export * from "./actor.ts";
