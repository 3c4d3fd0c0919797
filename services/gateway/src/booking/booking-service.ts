import { randomBytes, randomUUID } from "node:crypto";
import {
  changeAllowed,
  checkBookingLimits,
  checkStart,
  type CheckStartRejection,
  type ContactError,
  type FreeStart,
  freeStarts,
  type LimitViolation,
  type Locale,
  normalizeReference,
  referenceFromBytes,
  type SchedulingContext,
  type Tenant,
  validateContact,
} from "@terminvergabe/core";
import {
  type BookingRecord,
  type BookingRepository,
  type ConfirmRead,
  type ConfirmWrite,
  digestsEqual,
  hashToken,
  newToken,
} from "@terminvergabe/db";
import type { AppServices } from "../app.ts";
import type { Context } from "../context.ts";
import { HoldExpired, InputError, LimitReached, NotFound, SlotUnavailable, TooLate } from "../errors/domain-errors.ts";
import type { MessageKey } from "../i18n/messages.ts";
import type { AvailabilityChange, HeldInterval } from "../pubsub.ts";
import { type RequestArgs, type RequestScope, resolveRequestScope } from "../scheduling/request-scope.ts";
import { toInputError } from "../scheduling/scheduling-service.ts";
import type { BookingConfirmation, HoldView } from "./hold-view.ts";
import { bookingMail, manageUrl, type RenderMail } from "./mail-data.ts";

const MINUTE = 60_000;
const DUMMY_HASH = hashToken("not-a-token");
const LIVE: BookingRecord["status"][] = ["CONFIRMED", "PENDING_VERIFICATION"];
/** Each lost round (another booking of the same person landed in between) means one more. */
const MAX_CONFIRM_ATTEMPTS = 8;

export interface ConfirmInput {
  holdId: string;
  token: string;
  contact: { name: string; email: string; phone?: string | null };
  consent: boolean;
  locale?: Locale | null;
}

function localDateIn(timeZone: string, instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function rejectionError(reason: CheckStartRejection): InputError | null {
  const code: MessageKey | null =
    reason.type === "TOO_SOON"
      ? "START_TOO_SOON"
      : reason.type === "BEYOND_HORIZON"
        ? "START_BEYOND_HORIZON"
        : reason.type === "OUTSIDE_OPENING_HOURS" || reason.type === "OFF_GRID"
          ? "START_OUTSIDE_HOURS"
          : reason.type === "CLOSED"
            ? "START_CLOSED"
            : null;
  return code ? new InputError(code, "start") : null;
}

function contactError(error: ContactError): InputError {
  return new InputError(error.code, `contact.${error.field}`);
}

function limitError(violation: LimitViolation): LimitReached {
  switch (violation.kind) {
    case "TOO_MANY_ACTIVE_BOOKINGS":
      return new LimitReached("TOO_MANY_ACTIVE_BOOKINGS", { max: violation.max });
    case "SAME_SERVICE_ALREADY_BOOKED":
      return new LimitReached("SAME_SERVICE_ALREADY_BOOKED");
    case "TOO_MANY_NO_SHOWS":
      return new LimitReached("TOO_MANY_NO_SHOWS");
  }
}

/**
 * The public booking flow. Decisions come from the core; the database decides races
 * (exclusion constraint, guarded single-row updates); every change is published so
 * live widgets update.
 */
export class BookingService {
  constructor(
    private readonly services: Omit<AppServices, "booking">,
    private readonly bookings: BookingRepository,
    private readonly renderMail: RenderMail,
    private readonly onMailQueued: () => void,
  ) {}

  private publish(officeId: string, hold?: HeldInterval): void {
    const event: AvailabilityChange = { officeId, eventId: randomUUID(), ...(hold ? { hold } : {}) };
    this.services.scheduling.noteChange(event);
    this.services.pubsub.publish("availability:changed", event);
  }

  /** The free starts nearest to `start` (same day first, then up to a week on). */
  private async alternatives(scope: RequestScope, ctx: SchedulingContext, start: Date, now: Date): Promise<FreeStart[]> {
    const tz = scope.schedule.office.timeZone;
    const first = localDateIn(tz, start);
    const found: FreeStart[] = [];
    for (let day = 0; day < 7 && found.length < 6; day++) {
      const result = freeStarts(ctx, scope.request, addDays(first, day), now);
      if (result.ok) found.push(...result.starts.filter((s) => s.start.getTime() !== start.getTime()));
    }
    return found
      .sort((a, b) => Math.abs(a.start.getTime() - start.getTime()) - Math.abs(b.start.getTime() - start.getTime()))
      .slice(0, 3)
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /**
   * Finds a counter for `start` and claims it. A lost race (another request won the
   * counter) refreshes busy times and tries the next eligible counter.
   */
  private async claim(
    scope: RequestScope,
    start: Date,
    now: Date,
    write: (counterId: string, slot: { start: Date; end: Date }) => Promise<boolean>,
    ignore?: { counterId: string; start: Date; end: Date },
  ): Promise<{ counterId: string; start: Date; end: Date }> {
    const excluded = new Set<string>();
    let fresh = false;
    for (let attempt = 0; attempt < 4; attempt++) {
      let engineCtx = await this.services.scheduling.decisionContext(scope.tenant, scope.schedule, now, scope.request.channel, start, { fresh });
      if (ignore) {
        engineCtx = {
          ...engineCtx,
          busy: engineCtx.busy.filter(
            (b) => !(b.counterId === ignore.counterId && b.start.getTime() === ignore.start.getTime() && b.end.getTime() === ignore.end.getTime()),
          ),
        };
      }
      const view = excluded.size
        ? { ...engineCtx, office: { ...engineCtx.office, counters: engineCtx.office.counters.filter((c) => !excluded.has(c.id)) } }
        : engineCtx;
      const check = checkStart(view, scope.request, start, now);
      if (!check.ok) {
        // After a lost race the remaining counters may simply not fit: that is "taken" too.
        if (excluded.size > 0) break;
        if (check.reason.type === "INVALID_REQUEST") throw toInputError(check.reason.errors, this.services.logger);
        const input = rejectionError(check.reason);
        if (input) throw input;
        // TAKEN or staff reserve exhausted: a cached day is read again before saying so.
        if (!engineCtx.cached) break;
        fresh = true;
        continue;
      }
      if (await write(check.counterId, check)) return check;
      excluded.add(check.counterId);
      fresh = true;
    }
    const wide = await this.services.scheduling.context(scope.tenant, scope.schedule, now, scope.request.channel);
    throw new SlotUnavailable(await this.alternatives(scope, wide, start, now));
  }

  async hold(ctx: Context, args: RequestArgs & { start: Date }): Promise<HoldView> {
    const scope = await resolveRequestScope(ctx, args);
    const now = this.services.clock();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + scope.tenant.policy.holdMinutes * MINUTE);
    const channel = scope.request.channel === "STAFF" ? "STAFF" : "ONLINE";
    let holdId = "";
    const slot = await this.claim(scope, args.start, now, async (counterId, s) => {
      const result = await this.bookings.insertHold(
        {
          tenantId: scope.tenant.id,
          officeId: scope.schedule.office.id,
          counterId,
          startsAt: s.start,
          endsAt: s.end,
          holdExpiresAt: expiresAt,
          holdTokenHash: hashToken(token),
          channel,
          items: scope.request.items.map((i) => ({ serviceId: i.serviceId, quantity: i.quantity })),
        },
        now,
      );
      if (result.ok) holdId = result.value.id;
      return result.ok;
    });
    this.publish(scope.schedule.office.id, {
      counterId: slot.counterId,
      startMs: slot.start.getTime(),
      endMs: slot.end.getTime(),
      channel,
      untilMs: expiresAt.getTime(),
      dayStartMs: this.services.scheduling.dayStart(scope.schedule, slot.start),
    });
    return { id: holdId, token, start: slot.start, end: slot.end, expiresAt };
  }

  /** The live hold this token proves, or HoldExpired (also for a wrong token). */
  private async liveHold(ctx: Context, holdId: string, token: string): Promise<{ hold: BookingRecord; tenant: Tenant }> {
    const now = this.services.clock();
    const hold = await this.bookings.byId(null, holdId);
    const valid =
      digestsEqual(hold?.holdTokenHash ?? DUMMY_HASH, hashToken(token)) &&
      hold?.status === "HELD" &&
      (hold.holdExpiresAt?.getTime() ?? 0) > now.getTime();
    if (!hold || !valid) throw new HoldExpired();
    const tenant = await this.services.tenants.byId(hold.tenantId);
    if (!tenant || !(await ctx.tenantBySlug(tenant.slug))) throw new HoldExpired();
    return { hold, tenant };
  }

  async extendHold(ctx: Context, holdId: string, token: string): Promise<HoldView> {
    const { hold, tenant } = await this.liveHold(ctx, holdId, token);
    const now = this.services.clock();
    const expiresAt = new Date(now.getTime() + tenant.policy.holdMinutes * MINUTE);
    if (!(await this.bookings.extendHold(hold.id, expiresAt, now))) throw new HoldExpired();
    return { id: hold.id, token, start: hold.start, end: hold.end, expiresAt };
  }

  async releaseHold(ctx: Context, holdId: string, token: string): Promise<boolean> {
    const { hold } = await this.liveHold(ctx, holdId, token);
    const released = await this.bookings.releaseHold(hold.id);
    if (released) this.publish(hold.officeId);
    return released;
  }

  async confirm(ctx: Context, input: ConfirmInput): Promise<BookingConfirmation> {
    if (!input.consent) throw new InputError("CONSENT_REQUIRED", "consent");
    // Shape and normalisation first (the person's locks need the normalised address); the
    // tenant's phone requirement is checked once the hold has named the tenant.
    const basic = validateContact(input.contact, { phoneRequired: false });
    if (!basic.ok) throw contactError(basic.errors[0]!);
    const now = this.services.clock();
    const person = { emailNormalized: basic.contact.emailNormalized, phoneNormalized: basic.contact.phoneNormalized };
    // Read, decide, write: the write happens only if the hold is still live and the
    // person's bookings are still those read (else read and decide again).
    for (let attempt = 0; attempt < MAX_CONFIRM_ATTEMPTS; attempt++) {
      const read = await this.bookings.readForConfirm(input.holdId, person, now);
      const { write, confirmation } = await this.decideConfirmation(ctx, input, read, now);
      const outcome = await this.bookings.confirmWrite({ holdId: input.holdId, now, person, personDigest: read.personDigest, write });
      switch (outcome) {
        case "CONFIRMED":
          this.onMailQueued();
          return confirmation;
        case "HOLD_GONE":
          throw new HoldExpired();
        case "PERSON_CHANGED":
        case "REFERENCE_TAKEN":
          continue;
      }
    }
    throw new Error("could not confirm the hold: the person's bookings kept changing or no free reference was found");
  }

  /**
   * Everything confirming a hold writes, decided from what was read: the hold must be live
   * and proven by the token, the contact valid for the tenant, the person within the
   * anti-hoarding limits. Throws the domain error otherwise.
   */
  private async decideConfirmation(
    ctx: Context,
    input: ConfirmInput,
    read: ConfirmRead,
    now: Date,
  ): Promise<{ write: ConfirmWrite; confirmation: BookingConfirmation }> {
    const hold = read.hold;
    const valid =
      digestsEqual(hold?.holdTokenHash ?? DUMMY_HASH, hashToken(input.token)) &&
      hold?.status === "HELD" &&
      (hold.holdExpiresAt?.getTime() ?? 0) > now.getTime();
    if (!hold || !valid) throw new HoldExpired();
    const tenant = await this.services.tenants.byId(hold.tenantId);
    if (!tenant || !(await ctx.tenantBySlug(tenant.slug))) throw new HoldExpired();
    const checked = validateContact(input.contact, { phoneRequired: tenant.policy.phoneRequired });
    if (!checked.ok) throw contactError(checked.errors[0]!);
    const [offices, services] = await Promise.all([this.services.tenants.offices(tenant.id), this.services.tenants.services(tenant.id)]);
    const office = offices.find((o) => o.id === hold.officeId);
    if (!office) throw new HoldExpired();
    const noShowSince = new Date(now);
    noShowSince.setUTCMonth(noShowSince.getUTCMonth() - tenant.policy.noShowWindowMonths);
    const violation = checkBookingLimits(
      {
        activeFutureBookings: read.person.activeFutureBookings,
        activeServiceIds: read.person.activeServiceIds,
        recentNoShows: read.person.noShowStarts.filter((d) => d > noShowSince).length,
      },
      hold.items.map((i) => i.serviceId),
      tenant.policy,
    );
    if (violation) throw limitError(violation);

    const locale: Locale = input.locale ?? ctx.locale;
    const verify = tenant.policy.requireEmailVerification;
    const manageToken = newToken();
    const verifyToken = verify ? newToken() : null;
    const verifyDeadline = verify ? new Date(now.getTime() + tenant.policy.verificationWindowMinutes * MINUTE) : null;
    const reference = referenceFromBytes(randomBytes(8));
    const status = verify ? "PENDING_VERIFICATION" : "CONFIRMED";
    const record: BookingRecord = {
      ...hold,
      reference,
      status,
      contactName: checked.contact.name,
      contactEmail: checked.contact.email,
      contactPhone: checked.contact.phone,
      locale,
      verifyDeadline,
      holdExpiresAt: null,
      holdTokenHash: null,
      confirmedAt: now,
    };
    const mail = bookingMail(this.renderMail, verify ? "VERIFICATION" : "CONFIRMATION", {
      tenant,
      office,
      services,
      booking: record,
      reference,
      icsSequence: 0,
      manageUrl: manageUrl(this.services.config.publicUrl, tenant.slug, reference, manageToken),
      ...(verifyToken ? { verifyUrl: manageUrl(this.services.config.publicUrl, tenant.slug, reference, verifyToken, "verify") } : {}),
      now,
    });
    return {
      write: {
        reference,
        status,
        contact: checked.contact,
        locale,
        manageTokenHash: hashToken(manageToken),
        verifyTokenHash: verifyToken ? hashToken(verifyToken) : null,
        verifyDeadline,
        mail,
        actor: "citizen",
      },
      confirmation: { record, tenant, bookingId: record.id, tenantId: tenant.id, manageToken, verificationRequired: verify },
    };
  }

  /**
   * The booking this reference and token prove, or null. A wrong token, a wrong
   * reference and another tenant's booking all look the same.
   */
  async find(ctx: Context, tenantSlug: string, reference: string, token: string, which: "manage" | "verify" = "manage") {
    const tenant = await ctx.tenantBySlug(tenantSlug);
    const normalized = normalizeReference(reference);
    const record = tenant && normalized ? await this.bookings.byReference(tenant.id, normalized) : null;
    const stored = (which === "manage" ? record?.manageTokenHash : record?.verifyTokenHash) ?? DUMMY_HASH;
    const matches = digestsEqual(stored, hashToken(token));
    return record && tenant && matches ? { record, tenant } : null;
  }

  private async mailContext(tenant: Tenant, officeId: string) {
    const [offices, services] = await Promise.all([
      this.services.tenants.offices(tenant.id),
      this.services.tenants.services(tenant.id),
    ]);
    const office = offices.find((o) => o.id === officeId);
    if (!office) throw new Error(`office ${officeId} of booking not found`);
    return { office, services };
  }

  /** Renders a mail about an existing booking, with a manage link for `token`. */
  private async mailFor(
    kind: "CONFIRMATION" | "CANCELLATION" | "RESCHEDULE",
    tenant: Tenant,
    booking: BookingRecord,
    token: string,
    icsSequence: number,
    previousStart?: Date,
  ) {
    const { office, services } = await this.mailContext(tenant, booking.officeId);
    return bookingMail(this.renderMail, kind, {
      tenant,
      office,
      services,
      booking,
      reference: booking.reference!,
      icsSequence,
      manageUrl: manageUrl(this.services.config.publicUrl, tenant.slug, booking.reference!, token),
      previousStart,
      now: this.services.clock(),
    });
  }

  private assertChangeable(record: BookingRecord, tenant: Tenant): void {
    if (!LIVE.includes(record.status)) throw new TooLate("BOOKING_NOT_ACTIVE");
    if (!changeAllowed(record.start, this.services.clock(), tenant.policy.cancellationCutoffMinutes)) {
      throw new TooLate("CANCELLATION_CUTOFF");
    }
  }

  async cancel(ctx: Context, tenantSlug: string, reference: string, token: string): Promise<BookingRecord> {
    const found = await this.find(ctx, tenantSlug, reference, token);
    if (!found) throw new NotFound();
    const { record, tenant } = found;
    this.assertChangeable(record, tenant);
    const now = this.services.clock();
    const mail = await this.mailFor("CANCELLATION", tenant, record, token, record.icsSequence + 1);
    const updated = await this.bookings.transition({
      bookingId: record.id,
      tenantId: tenant.id,
      from: LIVE,
      to: "CANCELLED",
      now,
      actor: "citizen",
      reason: "cancelled by citizen",
      bumpSequence: true,
      mail,
    });
    if (!updated) throw new TooLate("BOOKING_NOT_ACTIVE");
    this.onMailQueued();
    this.publish(record.officeId);
    return updated;
  }

  async reschedule(ctx: Context, tenantSlug: string, reference: string, token: string, start: Date): Promise<BookingRecord> {
    const found = await this.find(ctx, tenantSlug, reference, token);
    if (!found) throw new NotFound();
    const { record, tenant } = found;
    this.assertChangeable(record, tenant);
    const now = this.services.clock();
    const scope = await resolveRequestScope(ctx, { tenant: tenant.slug, office: record.officeId, items: record.items });
    let updated: BookingRecord | undefined;
    await this.claim(
      scope,
      start,
      now,
      async (counterId, slot) => {
        const moved = { ...record, start: slot.start, end: slot.end, counterId };
        const mail = await this.mailFor("RESCHEDULE", tenant, moved, token, record.icsSequence + 1, record.start);
        const result = await this.bookings.reschedule({
          bookingId: record.id,
          tenantId: tenant.id,
          expectedSequence: record.icsSequence,
          counterId,
          start: slot.start,
          end: slot.end,
          now,
          actor: "citizen",
          mail,
        });
        if (result.ok) {
          updated = result.value;
          return true;
        }
        if (result.error.kind === "CHANGED") throw new TooLate("BOOKING_NOT_ACTIVE");
        return false;
      },
      { counterId: record.counterId, start: record.start, end: record.end },
    );
    this.onMailQueued();
    this.publish(record.officeId);
    return updated!;
  }

  /** Double opt-in: the verification link confirms the booking and mails a fresh manage link. */
  async verify(ctx: Context, tenantSlug: string, reference: string, token: string): Promise<BookingRecord> {
    const found = await this.find(ctx, tenantSlug, reference, token, "verify");
    if (!found) throw new NotFound();
    const { record, tenant } = found;
    const now = this.services.clock();
    if (record.status !== "PENDING_VERIFICATION" || (record.verifyDeadline?.getTime() ?? 0) <= now.getTime()) {
      throw new TooLate("BOOKING_NOT_ACTIVE");
    }
    const manageToken = newToken();
    const mail = await this.mailFor("CONFIRMATION", tenant, record, manageToken, record.icsSequence);
    const updated = await this.bookings.transition({
      bookingId: record.id,
      tenantId: tenant.id,
      from: ["PENDING_VERIFICATION"],
      to: "CONFIRMED",
      now,
      actor: "citizen",
      reason: "e-mail verified",
      manageTokenHash: hashToken(manageToken),
      mail,
    });
    if (!updated) throw new TooLate("BOOKING_NOT_ACTIVE");
    this.onMailQueued();
    return updated;
  }

  /** The calendar file of a live booking for download (same UID and SEQUENCE as the mails). */
  async icsFile(ctx: Context, tenantSlug: string, reference: string, token: string): Promise<string | null> {
    const found = await this.find(ctx, tenantSlug, reference, token);
    if (!found || !LIVE.includes(found.record.status)) return null;
    const mail = await this.mailFor("CONFIRMATION", found.tenant, found.record, token, found.record.icsSequence);
    return mail.icsContent;
  }

  /** Job: expire lapsed holds and/or unverified bookings (actor "system"); publishes each affected office once. */
  async expireLapsed(which: "HELD" | "PENDING_VERIFICATION" | "ALL" = "ALL", job?: string): Promise<number> {
    const expired = await this.bookings.expireLapsed(this.services.clock(), { which, actor: "system", ...(job ? { job } : {}) });
    for (const officeId of new Set(expired.map((e) => e.officeId))) this.publish(officeId);
    return expired.length;
  }
}
