export {};
export * from "./catalog/index.ts";
export * from "./booking/index.ts";
