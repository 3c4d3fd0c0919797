import type { RequestItem, SlotRequest, Tenant } from "@terminvergabe/core";
import type { OfficeSchedule } from "@terminvergabe/db";
import type { Context } from "../context.ts";
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

/**
 * Resolves tenant (origin-checked), office and request of a citizen's operation, or
 * throws a typed InputError. Online requests may only name online-bookable concerns.
 */
export async function resolveRequestScope(ctx: Context, args: RequestArgs): Promise<RequestScope> {
  const tenant = await ctx.tenantBySlug(args.tenant);
  if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
  const schedule = await ctx.services.scheduling.office(tenant, args.office);
  const items: RequestItem[] = args.items.map((item) => ({ serviceId: String(item.serviceId), quantity: item.quantity }));
  // Staff rules (phone-only concerns, no citizen cut-offs) only for staff of THIS agency.
  const channel = ctx.viewer.kind === "staff" && ctx.viewer.tenantId === tenant.id ? "STAFF" : "ONLINE";
  if (channel === "ONLINE") {
    const known = new Set(schedule.services.map((s) => s.id));
    if (items.some((item) => known.has(item.serviceId) && !schedule.onlineServiceIds.has(item.serviceId))) {
      throw new InputError("NOT_BOOKABLE_ONLINE", "items");
    }
  }
  return { tenant, schedule, request: { officeId: schedule.office.id, items, channel } };
}
