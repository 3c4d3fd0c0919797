import { randomUUID } from "node:crypto";
import type { PubSub } from "../pubsub.ts";
import type { SchedulingService } from "../scheduling/scheduling-service.ts";

/**
 * Makes a configuration change visible to citizens at once, on every instance: one
 * availability event per affected office, marked as a configuration change. Each instance
 * (this one right here, the others through Redis) drops its cached agencies, offices,
 * concerns and schedules when it notes such an event — before any open widget's live
 * calendar recomputes for it, since subscribers note the event first. An agency without
 * offices still gets one event (office ""), so the other instances drop their caches too.
 */
export function publishConfigurationChange(services: { pubsub: PubSub; scheduling: SchedulingService }, officeIds: readonly string[]): void {
  for (const officeId of officeIds.length > 0 ? new Set(officeIds) : [""]) {
    const event = { officeId, eventId: randomUUID(), configuration: true };
    services.scheduling.noteChange(event);
    services.pubsub.publish("availability:changed", event);
    if (officeId) services.pubsub.publish("desk:changed", { officeId });
  }
}
