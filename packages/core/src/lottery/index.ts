export * from "./draw.ts";
export * from "./allocate.ts";
export * from "./record.ts";
export * from "./application.ts";
export * from "./campaign.ts";
export * from "./pool.ts";
