import { channelFor, type RequestItem, type SlotRequest, type Tenant } from "@terminvergabe/core";
import type { OfficeSchedule } from "@terminvergabe/db";
import type { Caller } from "../caller.ts";
import { InputError } from "../errors/domain-errors.ts";

/** Arguments every availability/slot/hold operation shares. */
export interface RequestArgs {
  tenant: string;
  office: string;
  items: readonly { serviceId: string | number; quantity: number }[];
}

export interface RequestScope {
  tenant: Tenant;
  schedule: OfficeSchedule;
  request: SlotRequest;
}

/** Where offices are looked up (the scheduling service; a structural type keeps this file free of it). */
export interface OfficeLookup {
  office(tenant: Tenant, ref: string): Promise<OfficeSchedule>;
}

/**
 * Resolves tenant (origin-checked), office and request of a caller's operation, or
 * throws a typed InputError. Online requests may only name online-bookable concerns;
 * staff rules (phone-only concerns, the staff reserve) apply only to staff of this agency.
 */
export async function resolveRequestScope(offices: OfficeLookup, caller: Caller, args: RequestArgs): Promise<RequestScope> {
  const tenant = await caller.tenantBySlug(args.tenant);
  if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
  const schedule = await offices.office(tenant, args.office);
  const items: RequestItem[] = args.items.map((item) => ({ serviceId: String(item.serviceId), quantity: item.quantity }));
  const channel = channelFor(caller.actor, tenant.id);
  if (channel === "ONLINE") {
    const known = new Set(schedule.services.map((s) => s.id));
    if (items.some((item) => known.has(item.serviceId) && !schedule.onlineServiceIds.has(item.serviceId))) {
      throw new InputError("NOT_BOOKABLE_ONLINE", "items");
    }
  }
  return { tenant, schedule, request: { officeId: schedule.office.id, items, channel } };
}
