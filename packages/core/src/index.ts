export * from "./shared/index.ts";
export * from "./scheduling/index.ts";
export * from "./catalog/index.ts";
export * from "./booking/index.ts";
export * from "./staff/index.ts";
export * from "./waiting-room/index.ts";
export * from "./lottery/index.ts";
