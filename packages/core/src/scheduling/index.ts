/** Public API of the scheduling engine. */
export type * from "./types.ts";
export { calendar, checkStart, freeStarts } from "./engine.ts";
export { nearestFreeStarts, type AlternativesOptions } from "./alternatives.ts";
export { holdCandidates, holdWish, type HoldWish, type HoldWishError } from "./hold-candidates.ts";
export { validateOffice, validatePolicy, validateRequest, validateService } from "./validation.ts";
export { clearSchedulingCaches } from "./caches.ts";
export { localDayAround } from "./time-zone.ts";
