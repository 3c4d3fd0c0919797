/**
 * Validation of configuration and requests. Everything returns errors as values; the
 * engine functions run the same checks first, so callers may skip a separate call.
 */
import { err, ok, type Result } from "../shared/result.ts";
import { compileOffice, type CompiledOffice } from "./office-plan.ts";
import type {
  BookingChannel,
  ConfigurationIssue,
  Office,
  RequestError,
  RequestValidation,
  SchedulingContext,
  SchedulingPolicy,
  Service,
  SlotRequest,
} from "./types.ts";

const isNonNegativeInteger = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;

/** Checks a policy; an empty list means valid. */
export function validatePolicy(policy: SchedulingPolicy): ConfigurationIssue[] {
  const issues: ConfigurationIssue[] = [];
  const bad = (field: keyof SchedulingPolicy, message: string) => issues.push({ type: "INVALID_POLICY", field, message });
  const grid = policy.slotGridMinutes;
  if (!isNonNegativeInteger(grid) || grid < 1 || grid > 1440) bad("slotGridMinutes", "must be an integer from 1 to 1440");
  if (!isNonNegativeInteger(policy.minNoticeMinutes)) bad("minNoticeMinutes", "must be a non-negative integer");
  if (!isNonNegativeInteger(policy.horizonDays)) bad("horizonDays", "must be a non-negative integer");
  if (policy.bufferMinutes != null && !isNonNegativeInteger(policy.bufferMinutes)) {
    bad("bufferMinutes", "must be a non-negative integer");
  }
  const share = policy.staffReserveShare;
  if (share != null && !(typeof share === "number" && share >= 0 && share <= 1)) {
    bad("staffReserveShare", "must be a number from 0 to 1");
  }
  return issues;
}

/** Checks one service's numbers; an empty list means valid. */
export function validateService(service: Service): ConfigurationIssue[] {
  const issues: ConfigurationIssue[] = [];
  const bad = (message: string) => issues.push({ type: "INVALID_SERVICE", serviceId: service.id, message });
  if (!isNonNegativeInteger(service.durationMinutes) || service.durationMinutes < 1) {
    bad("durationMinutes must be a positive integer");
  }
  if (service.additionalUnitMinutes != null && !isNonNegativeInteger(service.additionalUnitMinutes)) {
    bad("additionalUnitMinutes must be a non-negative integer");
  }
  if (!isNonNegativeInteger(service.maxQuantity) || service.maxQuantity < 1) bad("maxQuantity must be a positive integer");
  return issues;
}

/**
 * Checks an office (time zone, holiday region, counters, rules incl. their RRULE, closures);
 * an empty list means valid. Meant for the write path of the staff API.
 */
export function validateOffice(office: Office): ConfigurationIssue[] {
  const compiled = compileOffice(office);
  return compiled.ok ? [] : compiled.error;
}

/** A validated request in the engine's numeric form. */
export interface PreparedRequest {
  readonly office: CompiledOffice;
  /** Indexes of counters serving every requested service, ascending (= by id). */
  readonly eligible: readonly number[];
  readonly duration: number;
  readonly grid: number;
  readonly notice: number;
  readonly horizon: number;
  readonly buffer: number;
  readonly share: number;
  readonly channel: BookingChannel;
}

/** Duration of one item: first unit plus further units, in minutes (before grid rounding). */
export function itemMinutes(service: Service, quantity: number): number {
  const additional = service.additionalUnitMinutes ?? service.durationMinutes;
  return service.durationMinutes + (quantity - 1) * additional;
}

/** Validates configuration and request together and prepares the request for the engine. */
export function prepareRequest(
  ctx: Pick<SchedulingContext, "office" | "services" | "policy">,
  request: SlotRequest,
): Result<PreparedRequest, RequestError[]> {
  const issues = validatePolicy(ctx.policy);
  const compiled = compileOffice(ctx.office);
  if (!compiled.ok) issues.push(...compiled.error);
  const servicesById = new Map<string, Service>();
  for (const s of ctx.services) servicesById.set(s.id, s);
  for (const item of request.items) {
    const s = servicesById.get(item.serviceId);
    if (s !== undefined) issues.push(...validateService(s));
  }
  if (issues.length > 0 || !compiled.ok) return err([{ type: "INVALID_CONFIGURATION", issues }]);
  const office = compiled.value;

  const errors: RequestError[] = [];
  if (request.officeId !== office.id) errors.push({ type: "OFFICE_MISMATCH", officeId: request.officeId });
  if (request.items.length === 0) errors.push({ type: "EMPTY_REQUEST" });
  const seen = new Set<string>();
  let total = 0;
  for (const item of request.items) {
    const service = servicesById.get(item.serviceId);
    if (service === undefined) {
      errors.push({ type: "UNKNOWN_SERVICE", serviceId: item.serviceId });
      continue;
    }
    if (seen.has(item.serviceId)) {
      errors.push({ type: "DUPLICATE_SERVICE", serviceId: item.serviceId });
      continue;
    }
    seen.add(item.serviceId);
    const q = item.quantity;
    if (!Number.isInteger(q) || q < 1 || q > service.maxQuantity) {
      errors.push({ type: "INVALID_QUANTITY", serviceId: item.serviceId, quantity: q, maxQuantity: service.maxQuantity });
    }
    if (!office.counterServices.some((set) => set.has(item.serviceId))) {
      errors.push({ type: "SERVICE_NOT_OFFERED", serviceId: item.serviceId, officeId: office.id });
    }
    total += itemMinutes(service, q);
  }
  const eligible: number[] = [];
  if (errors.length === 0) {
    office.counterServices.forEach((set, i) => {
      if ([...seen].every((id) => set.has(id))) eligible.push(i);
    });
    if (eligible.length === 0) {
      errors.push({ type: "NO_COUNTER_SERVES_ALL", serviceIds: [...seen], officeId: office.id });
    }
  }
  if (errors.length > 0) return err(errors);

  const grid = ctx.policy.slotGridMinutes;
  return ok({
    office,
    eligible,
    duration: Math.ceil(total / grid) * grid,
    grid,
    notice: ctx.policy.minNoticeMinutes,
    horizon: ctx.policy.horizonDays,
    buffer: ctx.policy.bufferMinutes ?? 0,
    share: ctx.policy.staffReserveShare ?? 0,
    channel: request.channel,
  });
}

/**
 * Validates a request against an office, its services and the policy, without searching.
 * Returns the rounded duration and the counters that could serve it, or every error found
 * (configuration problems come alone as one `INVALID_CONFIGURATION`).
 */
export function validateRequest(
  ctx: Pick<SchedulingContext, "office" | "services" | "policy">,
  request: SlotRequest,
): RequestValidation {
  const r = prepareRequest(ctx, request);
  if (!r.ok) return r;
  const p = r.value;
  return ok({ durationMinutes: p.duration, counterIds: p.eligible.map((i) => p.office.counterIds[i] as string) });
}
