import { randomBytes, randomInt, randomUUID } from "node:crypto";
import {
  type BookingEvent,
  type BookingState,
  type BookingStatus,
  checkHold,
  checkStart,
  holdDeadline,
  decide,
  holdCandidates,
  type HoldWish,
  holdWish,
  evolve,
  type FreeStart,
  isLive,
  LIVE_STATUSES,
  type Locale,
  type LocalizedText,
  nearestFreeStarts,
  type OfficeInfo,
  normalizeReference,
  referenceFromBytes,
  type SchedulingContext,
  type ServiceInfo,
  type Tenant,
  validateConfirmationInput,
  validateStaffContact,
  type StaffContactInput,
  actorLabel,
} from "@terminvergabe/core";
import {
  type BookingRecord,
  type BookingRepository,
  type ConfirmRead,
  type ConfirmWrite,
  type OutboxInsert,
  type PersonKey,
  type Placement,
  deriveToken,
  digestsEqual,
  hashToken,
  newToken,
} from "@terminvergabe/db";
import type { BookingQuota } from "../abuse/booking-quota.ts";
import type { HoldQuota } from "../abuse/hold-quota.ts";
import type { ProofOfWork } from "../abuse/proof-of-work.ts";
import type { Caller } from "../caller.ts";
import type { Config } from "../config.ts";
import { SlotUnavailable } from "../errors/domain-errors.ts";
import { bookingRejectionError, contactInputError, holdWishError, startRejectionError } from "../errors/map-domain-errors.ts";
import type { Logger } from "../logger.ts";
import type { AvailabilityChange, HeldInterval, PubSub } from "../pubsub.ts";
import type { CatalogCache } from "../scheduling/catalog-cache.ts";
import { type RequestArgs, type RequestScope, resolveRequestScope } from "../scheduling/request-scope.ts";
import type { SchedulingService } from "../scheduling/scheduling-service.ts";
import type { WaitingRoomService } from "../waiting-room/waiting-room-service.ts";
import type { BookingConfirmation, HoldView } from "./hold-view.ts";
import { icsKey } from "./ics-key.ts";
import { bookingMail, manageUrl, type RenderMail } from "./mail-data.ts";
import { reminderJob } from "./reminder.ts";
import type { MailCipher } from "../mail/mail-cipher.ts";

const DUMMY_HASH = hashToken("not-a-token");
/** Each lost round (another booking of the same person landed in between) means one more. */
const MAX_CONFIRM_ATTEMPTS = 8;
/** Starts tried for one server-picked hold before saying "nothing free". */
const MAX_PICKED_CANDIDATES = 10;

/** The hold arguments that say which start is wanted (see core `holdWish`). */
export interface HoldWishArgs {
  start?: Date | null;
  orNearest?: boolean | null;
  day?: string | null;
  notBefore?: string | null;
  notAfter?: string | null;
  /** While an announced release's waiting room is open: its ticket. */
  waitingRoomTicket?: string | null;
  /** A solved proof-of-work challenge of the tenant (citizens; see abuse/proof-of-work.ts). */
  proofOfWork?: string | null;
}

/** The client went away before its answer; thrown to stop work nobody waits for (masked). */
class ClientGone extends Error {
  constructor() {
    super("the client disconnected");
  }
}

/** Fisher–Yates, in place. */
function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/** A clerk's confirmation of a hold for a caller. */
export interface ConfirmOnBehalfInput {
  holdId: string;
  token: string;
  contact: StaffContactInput;
  /** Book although the person reached an anti-hoarding limit; the reason is audited. */
  override?: { reason: string } | null;
  locale?: Locale | null;
}

export interface ConfirmInput {
  holdId: string;
  token: string;
  contact: { name: string; email: string; phone?: string | null };
  consent: boolean;
  locale?: Locale | null;
  /** A solved proof-of-work challenge of the hold's tenant. */
  proofOfWork?: string | null;
}

/** What the booking flow uses; the composition root (app.ts) passes its services. */
export interface BookingServiceDeps {
  config: Pick<Config, "publicUrl">;
  logger: Logger;
  pubsub: PubSub;
  tenants: CatalogCache;
  scheduling: SchedulingService;
  waitingRoom: Pick<WaitingRoomService, "admit">;
  /** Proof of work before citizens hold and confirm. */
  proofOfWork: Pick<ProofOfWork, "verify">;
  /** Holds per client address. */
  holdQuota: Pick<HoldQuota, "take" | "give">;
  /** Bookings per client address and hour. */
  bookingQuota: Pick<BookingQuota, "check" | "count">;
  /** Seals the manage token a reminder job carries. */
  mailCipher: Pick<MailCipher, "seal" | "open">;
  /** The clock; tests may freeze it. */
  clock: () => Date;
}

/** Applies the core's decision, or throws the schema error its rejection maps to. */
function decided(command: Parameters<typeof decide>[0], state: BookingState | null, now: Date): { events: readonly BookingEvent[]; after: BookingState } {
  const decision = decide(command, state, now);
  if (!decision.ok) throw bookingRejectionError(decision.error);
  const after = decision.value.reduce<BookingState | null>((s, e) => evolve(s, e), state);
  if (!after) throw new Error(`${command.type} decided no change`);
  return { events: decision.value, after };
}

/** A status as the database stores it (the same set since migration 0008_staff). */
function stored(status: BookingStatus): BookingRecord["status"] {
  return status;
}

/**
 * The public booking flow. Every rule is the core's: `decide` rules on holds and bookings,
 * the engine on starts; this service reads, asks, and writes what was decided. The
 * database decides races (exclusion constraint, guarded single-row updates); every change
 * is published so live widgets update. Callers pass who they are (a {@link Caller}), not
 * a GraphQL context, so resolvers, HTTP routes and jobs share it.
 */
export class BookingService {
  constructor(
    private readonly services: BookingServiceDeps,
    private readonly bookings: BookingRepository,
    private readonly renderMail: RenderMail,
    private readonly onMailQueued: () => void,
  ) {}

  private publish(officeId: string, hold?: HeldInterval): void {
    const event: AvailabilityChange = { officeId, eventId: randomUUID(), ...(hold ? { hold } : {}) };
    this.services.scheduling.noteChange(event);
    this.services.pubsub.publish("availability:changed", event);
    if (!hold) this.services.pubsub.publish("desk:changed", { officeId });
  }

  /** The nearest free starts, for a SlotUnavailable answer. */
  private async alternatives(scope: RequestScope, start: Date, now: Date): Promise<FreeStart[]> {
    const wide = await this.services.scheduling.context(scope.tenant, scope.schedule, now, scope.request.channel);
    return nearestFreeStarts(wide, scope.request, start, now);
  }

  /**
   * Finds a counter for `start` and claims it. A lost race (another request won the
   * counter) refreshes busy times and tries the next eligible counter. Returns null when
   * the start cannot be had. `strict` (the citizen named this very start): a rejected start
   * is an input error, and a cached "taken" is read again before giving up; otherwise (a
   * start the server picked) a cached "taken" is believed and the next candidate tried.
   */
  private async tryClaim(
    scope: RequestScope,
    start: Date,
    now: Date,
    write: (counterId: string, slot: { start: Date; end: Date }) => Promise<boolean>,
    options: { strict: boolean; ignore?: { counterId: string; start: Date; end: Date } },
  ): Promise<{ counterId: string; start: Date; end: Date } | null> {
    const { ignore, strict } = options;
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
        if (excluded.size > 0 || !strict) return null;
        const input = startRejectionError(check.error, this.services.logger);
        if (input) throw input;
        // TAKEN or staff reserve exhausted: a cached day is read again before saying so.
        if (!engineCtx.cached) return null;
        fresh = true;
        continue;
      }
      if (await write(check.value.counterId, check.value)) return check.value;
      excluded.add(check.value.counterId);
      fresh = true;
    }
    return null;
  }

  /** Claims exactly `start`, or throws SlotUnavailable with the nearest free starts. */
  private async claim(
    scope: RequestScope,
    start: Date,
    now: Date,
    write: (counterId: string, slot: { start: Date; end: Date }) => Promise<boolean>,
    ignore?: { counterId: string; start: Date; end: Date },
  ): Promise<{ counterId: string; start: Date; end: Date }> {
    const slot = await this.tryClaim(scope, start, now, write, { strict: true, ...(ignore ? { ignore } : {}) });
    if (slot) return slot;
    throw new SlotUnavailable(await this.alternatives(scope, start, now));
  }

  /**
   * The places a wish accepts, best first: each candidate start (core `holdCandidates`) on
   * every counter that fits it (core `checkStart`). For an exact start, a start that can
   * never be booked (closed, off the grid, too soon …) is an input error; a taken one just
   * yields nothing.
   */
  private placements(ctx: SchedulingContext, scope: RequestScope, wish: HoldWish, now: Date): Placement[] {
    const starts = holdCandidates(ctx, scope.request, wish, now, MAX_PICKED_CANDIDATES);
    // Any start of the day will do: a herd spread over the day's starts collides less.
    if (wish.kind === "ANY_ON_DAY") shuffle(starts);
    const out: Placement[] = [];
    for (const start of starts) {
      const check = checkStart(ctx, scope.request, start, now);
      if (!check.ok) {
        const input = wish.kind === "EXACT" ? startRejectionError(check.error, this.services.logger) : null;
        if (input) throw input;
        continue;
      }
      for (const counterId of check.value.counterIds) out.push({ counterId, start: check.value.start, end: check.value.end });
    }
    return out;
  }

  /**
   * Claims the first place of the wish that the database accepts — the exact start, or one
   * the server picks (nearest to a start, any on a day) — so that while capacity remains one
   * request gets one hold. All places go to the database in one round trip
   * (`claimHold`); the first round decides on the cached busy times, and only when none
   * of their places could be had is the office read afresh for one more round (a cached
   * picture may miss a start freed or show one as free that was just taken).
   */
  private async claimWish(
    scope: RequestScope,
    wish: HoldWish,
    now: Date,
    claim: (placements: Placement[]) => Promise<Placement | null>,
  ): Promise<Placement> {
    const { tenant, schedule } = scope;
    const channel = scope.request.channel;
    for (const fresh of [false, true]) {
      const ctx =
        wish.kind === "EXACT"
          ? await this.services.scheduling.decisionContext(tenant, schedule, now, channel, wish.start, { fresh })
          : await this.services.scheduling.context(tenant, schedule, now, channel, { fresh });
      const placements = this.placements(ctx, scope, wish, now);
      const won = placements.length > 0 ? await claim(placements) : null;
      if (won) return won;
      if ("cached" in ctx && ctx.cached === false) break;
    }
    const around = wish.kind === "ANY_ON_DAY" ? null : wish.start;
    throw new SlotUnavailable(around ? await this.alternatives(scope, around, now) : await this.dayAlternatives(scope, wish, now));
  }

  /** Free starts offered when nothing on the wished day could be held: the nearest to its first. */
  private async dayAlternatives(scope: RequestScope, wish: HoldWish, now: Date): Promise<FreeStart[]> {
    const wide = await this.services.scheduling.context(scope.tenant, scope.schedule, now, scope.request.channel);
    const first = holdCandidates(wide, scope.request, wish, now, 1)[0];
    return first ? nearestFreeStarts(wide, scope.request, first, now) : [];
  }

  async hold(caller: Caller, args: RequestArgs & HoldWishArgs): Promise<HoldView> {
    const wish = holdWish(args);
    if (!wish.ok) throw holdWishError(wish.error);
    const scope = await resolveRequestScope(this.services.scheduling, caller, args);
    await this.services.waitingRoom.admit(scope.tenant, args.waitingRoomTicket);
    // A client that disconnected while its request queued gets no hold: nobody would use it.
    if (caller.signal?.aborted) throw new ClientGone();
    // Citizens prove work and keep few holds per address; a clerk on the phone does neither.
    const quota = caller.actor.kind === "staff" || !caller.address ? null : { tenant: scope.tenant, address: caller.address };
    if (caller.actor.kind !== "staff") await this.services.proofOfWork.verify(scope.tenant.id, args.proofOfWork);
    // An address that booked its share this hour gets no hold either: it could only block a time.
    if (quota) await this.services.bookingQuota.check(quota.tenant, quota.address);
    if (quota) await this.services.holdQuota.take(quota.tenant, quota.address);
    try {
      return await this.holdClaimed(caller, scope, wish.value);
    } catch (error) {
      if (quota) await this.services.holdQuota.give(quota.tenant, quota.address);
      throw error;
    }
  }

  private async holdClaimed(caller: Caller, scope: RequestScope, wish: HoldWish): Promise<HoldView> {
    const now = this.services.clock();
    const token = newToken();
    const channel = scope.request.channel;
    let held = { id: "", expiresAt: now };
    const slot = await this.claimWish(scope, wish, now, async (placements) => {
      // The decision is the same for every place offered (the hold's life starts now).
      const first = placements[0]!;
      const { after } = decided({ type: "HoldSlot", start: first.start, end: first.end, holdMinutes: scope.tenant.policy.holdMinutes }, null, now);
      const expiresAt = after.holdExpiresAt!;
      const result = await this.bookings.claimHold(
        {
          tenantId: scope.tenant.id,
          officeId: scope.schedule.office.id,
          holdExpiresAt: expiresAt,
          holdTokenHash: hashToken(token),
          channel,
          items: scope.request.items.map((i) => ({ serviceId: i.serviceId, quantity: i.quantity })),
        },
        placements,
        now,
      );
      if (!result.ok) return null;
      held = { id: result.value.id, expiresAt };
      return result.value;
    });
    if (caller.signal?.aborted) {
      // The answer cannot be delivered: give the start back at once instead of blocking it
      // for the whole hold time.
      await this.bookings.releaseHold(held.id);
      throw new ClientGone();
    }
    this.publish(scope.schedule.office.id, {
      counterId: slot.counterId,
      startMs: slot.start.getTime(),
      endMs: slot.end.getTime(),
      channel,
      untilMs: held.expiresAt.getTime(),
      dayStartMs: this.services.scheduling.dayStart(scope.schedule, slot.start),
    });
    const requested = wish.kind === "ANY_ON_DAY" ? null : wish.start;
    return {
      id: held.id,
      token,
      start: slot.start,
      end: slot.end,
      expiresAt: held.expiresAt,
      latestExpiry: holdDeadline(now, scope.tenant.policy),
      substituted: requested !== null && requested.getTime() !== slot.start.getTime(),
    };
  }

  /** Whether `token` is the hold's (constant time; a missing hold costs the same). */
  private static holdTokenMatches(hold: BookingRecord | null, token: string): boolean {
    return digestsEqual(hold?.holdTokenHash ?? DUMMY_HASH, hashToken(token));
  }

  /**
   * The hold this token proves and its tenant, checked against the caller's origin; else
   * HoldExpired (also for a wrong token or another tenant's origin refusing it).
   */
  private async provenHold(caller: Caller, hold: BookingRecord | null, token: string, now: Date): Promise<{ hold: BookingRecord; tenant: Tenant }> {
    const proven = checkHold(hold, BookingService.holdTokenMatches(hold, token), now);
    if (!proven.ok) throw bookingRejectionError(proven.error);
    const tenant = await this.services.tenants.byId(proven.value.tenantId);
    if (!tenant || !(await caller.tenantBySlug(tenant.slug))) throw bookingRejectionError({ type: "HOLD_EXPIRED" });
    return { hold: proven.value, tenant };
  }

  async extendHold(caller: Caller, holdId: string, token: string): Promise<HoldView> {
    const now = this.services.clock();
    const { hold, tenant } = await this.provenHold(caller, await this.bookings.byId(null, holdId), token, now);
    const { after } = decided({ type: "ExtendHold", tokenMatches: true, heldSince: hold.createdAt, policy: tenant.policy }, hold, now);
    const expiresAt = after.holdExpiresAt!;
    if (!(await this.bookings.extendHold(hold.id, expiresAt, now))) throw bookingRejectionError({ type: "HOLD_EXPIRED" });
    return { id: hold.id, token, start: hold.start, end: hold.end, expiresAt, latestExpiry: holdDeadline(hold.createdAt, tenant.policy), substituted: false };
  }

  async releaseHold(caller: Caller, holdId: string, token: string): Promise<boolean> {
    const now = this.services.clock();
    const { hold, tenant } = await this.provenHold(caller, await this.bookings.byId(null, holdId), token, now);
    decided({ type: "ReleaseHold", tokenMatches: true }, hold, now);
    const released = await this.bookings.releaseHold(hold.id);
    if (released && caller.address && caller.actor.kind !== "staff") await this.services.holdQuota.give(tenant, caller.address);
    if (released) this.publish(hold.officeId);
    return released;
  }

  async confirm(caller: Caller, input: ConfirmInput): Promise<BookingConfirmation> {
    // Shape and normalisation first (the person's locks need the normalised address); the
    // tenant's phone requirement is checked once the hold has named the tenant.
    const basic = validateConfirmationInput(input, { phoneRequired: false });
    if (!basic.ok) throw contactInputError(basic.error[0]!);
    const person = { emailNormalized: basic.value.emailNormalized, phoneNormalized: basic.value.phoneNormalized };
    // The proof of work is checked once, on the first attempt (it is accepted only once).
    let proven: Tenant | null = null;
    const confirmation = await this.runConfirmation(caller, input.holdId, input.token, person, async (read, now) => {
      const decidedWrite = await this.decideConfirmation(caller, input, read, now, proven === null);
      proven = decidedWrite.confirmation.tenant;
      return decidedWrite;
    });
    if (caller.address) {
      await this.services.holdQuota.give(confirmation.tenant, caller.address);
      // Only a confirmation decided now counts (not the same answer again for a lost one).
      if (proven) await this.services.bookingQuota.count(confirmation.tenant, caller.address);
    }
    return confirmation;
  }

  /**
   * Read, decide, write: the write happens only if the hold is still live and the person's
   * bookings are still those read (else read and decide again). Shared by the citizen's
   * confirmation and a clerk's confirmation on behalf of a caller.
   */
  private async runConfirmation(
    caller: Caller,
    holdId: string,
    token: string,
    person: PersonKey,
    decideWrite: (read: ConfirmRead, now: Date) => Promise<{ write: ConfirmWrite; confirmation: BookingConfirmation }>,
  ): Promise<BookingConfirmation> {
    const now = this.services.clock();
    for (let attempt = 0; attempt < MAX_CONFIRM_ATTEMPTS; attempt++) {
      const read = await this.bookings.readForConfirm(holdId, person, now);
      const replay = await this.confirmedBefore(caller, read.hold, token);
      if (replay) return replay;
      const { write, confirmation } = await decideWrite(read, now);
      const outcome = await this.bookings.confirmWrite({ holdId, now, person, personDigest: read.personDigest, write });
      switch (outcome) {
        case "CONFIRMED":
          if (write.mail) this.onMailQueued();
          this.services.pubsub.publish("desk:changed", { officeId: confirmation.record.officeId });
          return confirmation;
        case "HOLD_GONE":
          throw bookingRejectionError({ type: "HOLD_EXPIRED" });
        case "PERSON_CHANGED":
        case "REFERENCE_TAKEN":
        case "CONTENDED":
          continue;
      }
    }
    throw new Error("could not confirm the hold: the person's bookings kept changing or no free reference was found");
  }

  /**
   * A clerk confirms a hold they just made (channel STAFF) for a caller: contact may be
   * phone-only (then no mail: the clerk reads the reference out), no e-mail verification,
   * and a limit the person reached may be overridden with a reason, which goes into the
   * audit entry. The rules are the core's (`ConfirmOnBehalf`).
   */
  async confirmOnBehalf(caller: Caller, input: ConfirmOnBehalfInput): Promise<BookingConfirmation> {
    if (caller.actor.kind !== "staff") throw new Error("confirmOnBehalf needs a staff caller");
    const actor = caller.actor;
    const contact = validateStaffContact(input.contact);
    if (!contact.ok) throw contactInputError(contact.error[0]!);
    const person = { emailNormalized: contact.value.emailNormalized, phoneNormalized: contact.value.phoneNormalized };
    return this.runConfirmation(caller, input.holdId, input.token, person, async (read, now) => {
      const { hold, tenant } = await this.provenHold(caller, read.hold, input.token, now);
      if (tenant.id !== actor.tenantId) throw bookingRejectionError({ type: "HOLD_EXPIRED" });
      const { office, services } = await this.holdMailContext(tenant, hold);
      const { events, after } = decided(
        {
          type: "ConfirmOnBehalf",
          tokenMatches: true,
          person: read.person,
          serviceIds: hold.items.map((i) => i.serviceId),
          policy: tenant.policy,
          override: input.override ?? null,
        },
        hold,
        now,
      );
      if (after.status !== "CONFIRMED") throw new Error(`confirming on behalf decided ${after.status}`);
      const overridden = events.find((e) => e.type === "LimitOverridden");
      const locale: Locale = input.locale ?? caller.locale;
      const manageToken = deriveToken(input.token, "manage");
      const reference = referenceFromBytes(randomBytes(8));
      const record: BookingRecord = {
        ...hold,
        reference,
        status: "CONFIRMED",
        contactName: contact.value.name,
        contactEmail: contact.value.email,
        contactPhone: contact.value.phone,
        locale,
        verifyDeadline: null,
        holdExpiresAt: null,
        confirmedAt: now,
      };
      const mail = contact.value.email ? this.newBookingMail({ tenant, office, services }, record, manageToken, null, now) : null;
      return {
        write: {
          reference,
          status: "CONFIRMED",
          contact: contact.value,
          locale,
          manageTokenHash: hashToken(manageToken),
          verifyTokenHash: null,
          verifyDeadline: null,
          mail,
          actor: actorLabel(actor),
          reminder: reminderJob(tenant, record, manageToken, this.services.mailCipher, now),
          auditData: {
            channel: "STAFF",
            ...(overridden?.type === "LimitOverridden" ? { limitOverride: { limit: overridden.violation.kind, reason: overridden.reason } } : {}),
          },
        },
        confirmation: { record, tenant, bookingId: record.id, tenantId: tenant.id, manageToken, verificationRequired: false },
      };
    });
  }

  /**
   * Confirming is idempotent for the hold token: when this hold already became a live
   * booking (the first answer got lost — a timeout, a dropped connection), the same
   * confirmation is returned again, with the same manage token (derived from the hold
   * token), instead of "hold expired" for a booking that exists.
   */
  private async confirmedBefore(caller: Caller, hold: BookingRecord | null, token: string): Promise<BookingConfirmation | null> {
    if (!hold || !isLive(hold.status) || !BookingService.holdTokenMatches(hold, token)) return null;
    const tenant = await this.services.tenants.byId(hold.tenantId);
    if (!tenant || !(await caller.tenantBySlug(tenant.slug))) return null;
    return {
      record: hold,
      tenant,
      bookingId: hold.id,
      tenantId: tenant.id,
      manageToken: deriveToken(token, "manage"),
      verificationRequired: hold.status === "PENDING_VERIFICATION",
    };
  }

  /**
   * Everything confirming a hold writes, decided from what was read: the hold must be live
   * and proven by the token, the contact valid for the tenant, the person within the
   * anti-hoarding limits. Throws the domain error otherwise.
   */
  private async decideConfirmation(
    caller: Caller,
    input: ConfirmInput,
    read: ConfirmRead,
    now: Date,
    checkProofOfWork: boolean,
  ): Promise<{ write: ConfirmWrite; confirmation: BookingConfirmation }> {
    const { hold, tenant } = await this.provenHold(caller, read.hold, input.token, now);
    if (checkProofOfWork) {
      await this.services.proofOfWork.verify(tenant.id, input.proofOfWork);
      if (caller.address) await this.services.bookingQuota.check(tenant, caller.address);
    }
    const checked = validateConfirmationInput(input, { phoneRequired: tenant.policy.phoneRequired });
    if (!checked.ok) throw contactInputError(checked.error[0]!);
    const { office, services } = await this.holdMailContext(tenant, hold);
    const { after } = decided(
      { type: "ConfirmBooking", tokenMatches: true, person: read.person, serviceIds: hold.items.map((i) => i.serviceId), policy: tenant.policy },
      hold,
      now,
    );
    const status = after.status;
    if (!isLive(status)) throw new Error(`confirming decided ${status}`);
    const verify = status === "PENDING_VERIFICATION";

    const locale: Locale = input.locale ?? caller.locale;
    const manageToken = deriveToken(input.token, "manage");
    const verifyToken = verify ? newToken() : null;
    const reference = referenceFromBytes(randomBytes(8));
    const record: BookingRecord = {
      ...hold,
      reference,
      status,
      contactName: checked.value.name,
      contactEmail: checked.value.email,
      contactPhone: checked.value.phone,
      locale,
      verifyDeadline: after.verifyDeadline,
      holdExpiresAt: null,
      confirmedAt: now,
      manageTokenHash: hashToken(manageToken),
    };
    const mail = this.newBookingMail({ tenant, office, services }, record, manageToken, verifyToken, now);
    return {
      write: {
        reference,
        status,
        contact: checked.value,
        locale,
        manageTokenHash: hashToken(manageToken),
        verifyTokenHash: verifyToken ? hashToken(verifyToken) : null,
        verifyDeadline: after.verifyDeadline,
        mail,
        actor: "citizen",
        reminder: reminderJob(tenant, record, manageToken, this.services.mailCipher, now),
      },
      confirmation: { record, tenant, bookingId: record.id, tenantId: tenant.id, manageToken, verificationRequired: verify },
    };
  }

  /**
   * The booking this reference and token prove, or null. A wrong token, a wrong
   * reference and another tenant's booking all look the same.
   */
  async find(caller: Caller, tenantSlug: string, reference: string, token: string, which: "manage" | "verify" = "manage") {
    const tenant = await caller.tenantBySlug(tenantSlug);
    const normalized = normalizeReference(reference);
    const record = tenant && normalized ? await this.bookings.byReference(tenant.id, normalized) : null;
    const digest = hashToken(token);
    const verifyMatches = digestsEqual(record?.verifyTokenHash ?? DUMMY_HASH, digest);
    // Once verified, the verification token manages the booking too (the confirmation mail
    // links with it), and the manage token from the confirmation screen stays valid.
    const matches =
      which === "verify"
        ? verifyMatches
        : digestsEqual(record?.manageTokenHash ?? DUMMY_HASH, digest) ||
          // A manage link mailed on request (sendManageLinks) opens it too.
          digestsEqual(record?.resentTokenHash ?? DUMMY_HASH, digest) ||
          (verifyMatches && record?.status !== "PENDING_VERIFICATION");
    return record && tenant && matches ? { record, tenant } : null;
  }

  /** `find`, or the NOT_FOUND rejection. */
  private async proven(caller: Caller, tenantSlug: string, reference: string, token: string, which: "manage" | "verify" = "manage") {
    const found = await this.find(caller, tenantSlug, reference, token, which);
    if (!found) throw bookingRejectionError({ type: "NOT_FOUND" });
    return found;
  }

  /** The booking's office and the tenant's services, for its mail; `officeGone` when the office no longer exists. */
  private async mailContext(tenant: Tenant, officeId: string, officeGone = () => new Error(`office ${officeId} of booking not found`)) {
    const [offices, services] = await Promise.all([
      this.services.tenants.offices(tenant.id),
      this.services.tenants.services(tenant.id),
    ]);
    const office = offices.find((o) => o.id === officeId);
    if (!office) throw officeGone();
    return { office, services };
  }

  /** {@link mailContext} for a hold being confirmed: an office gone meanwhile reads as an expired hold. */
  private holdMailContext(tenant: Tenant, hold: BookingRecord) {
    return this.mailContext(tenant, hold.officeId, () => bookingRejectionError({ type: "HOLD_EXPIRED" }));
  }

  /**
   * The first mail of a booking just confirmed from a hold (by the citizen or a clerk): the
   * confirmation, or with a verification token the request to verify the e-mail address.
   */
  private newBookingMail(
    { tenant, office, services }: { tenant: Tenant; office: OfficeInfo; services: ServiceInfo[] },
    record: BookingRecord,
    manageToken: string,
    verifyToken: string | null,
    now: Date,
  ): OutboxInsert {
    const reference = record.reference!;
    const link = (token: string, action?: "verify") => manageUrl(this.services.config.publicUrl, tenant.slug, reference, token, action);
    return bookingMail(this.renderMail, verifyToken ? "VERIFICATION" : "CONFIRMATION", {
      tenant,
      office,
      services,
      booking: record,
      reference,
      icsSequence: 0,
      manageUrl: link(manageToken),
      ...(verifyToken ? { verifyUrl: link(verifyToken, "verify") } : {}),
      now,
    });
  }

  /** Renders a mail about an existing booking, with a manage link for `token`. */
  private async mailFor(
    kind: "CONFIRMATION" | "CANCELLATION" | "RESCHEDULE",
    tenant: Tenant,
    booking: BookingRecord,
    /** The manage token for the link; null: no link (staff do not know it). */
    token: string | null,
    icsSequence: number,
    previousStart?: Date,
    cancellationReason?: LocalizedText,
  ) {
    const { office, services } = await this.mailContext(tenant, booking.officeId);
    return bookingMail(this.renderMail, kind, {
      tenant,
      office,
      services,
      booking,
      reference: booking.reference!,
      icsSequence,
      manageUrl: token ? manageUrl(this.services.config.publicUrl, tenant.slug, booking.reference!, token) : "",
      previousStart,
      cancellationReason,
      now: this.services.clock(),
    });
  }

  async cancel(caller: Caller, tenantSlug: string, reference: string, token: string): Promise<BookingRecord> {
    const { record, tenant } = await this.proven(caller, tenantSlug, reference, token);
    const now = this.services.clock();
    const { events, after } = decided({ type: "CancelBooking", cutoffMinutes: tenant.policy.cancellationCutoffMinutes }, record, now);
    const cancelled = events.find((e) => e.type === "BookingCancelled");
    const mail = await this.mailFor("CANCELLATION", tenant, record, token, record.icsSequence + 1);
    const updated = await this.bookings.transition({
      bookingId: record.id,
      tenantId: tenant.id,
      from: [...LIVE_STATUSES],
      to: stored(after.status),
      now,
      actor: "citizen",
      reason: cancelled?.reason ?? "cancelled",
      bumpSequence: true,
      mail,
    });
    if (!updated) throw bookingRejectionError({ type: "NOT_ACTIVE", status: record.status });
    this.onMailQueued();
    this.publish(record.officeId);
    return updated;
  }

  /**
   * A clerk cancels a live booking for a caller (no cut-off); the citizen's mail says why
   * and carries a METHOD:CANCEL calendar file. No mail without an e-mail address.
   */
  async cancelOnBehalf(caller: Caller, record: BookingRecord, tenant: Tenant, reason: string): Promise<BookingRecord> {
    const now = this.services.clock();
    const { after } = decided({ type: "CancelOnBehalf", reason }, record, now);
    const text = reason.trim();
    const mail = record.contactEmail
      ? await this.mailFor("CANCELLATION", tenant, record, null, record.icsSequence + 1, undefined, text ? { de: text, en: text } : undefined)
      : null;
    const updated = await this.bookings.transition({
      bookingId: record.id,
      tenantId: tenant.id,
      from: [...LIVE_STATUSES],
      to: stored(after.status),
      now,
      actor: actorLabel(caller.actor),
      reason: text || "cancelled by staff",
      bumpSequence: true,
      mail,
    });
    if (!updated) throw bookingRejectionError({ type: "NOT_ACTIVE", status: record.status });
    if (mail) this.onMailQueued();
    this.publish(record.officeId);
    return updated;
  }

  async reschedule(caller: Caller, tenantSlug: string, reference: string, token: string, start: Date): Promise<BookingRecord> {
    const { record, tenant } = await this.proven(caller, tenantSlug, reference, token);
    const now = this.services.clock();
    decided({ type: "RescheduleBooking", start, cutoffMinutes: tenant.policy.cancellationCutoffMinutes }, record, now);
    return this.move(caller, record, tenant, start, now, token);
  }

  /**
   * A clerk moves a live booking for a caller (no cut-off: the caller phones in). The mail
   * carries no manage link (the clerk does not know the token), so the citizen's link stays
   * the one they have; without an e-mail address there is no mail.
   */
  async rescheduleOnBehalf(caller: Caller, record: BookingRecord, tenant: Tenant, start: Date): Promise<BookingRecord> {
    const now = this.services.clock();
    decided({ type: "RescheduleBooking", start, cutoffMinutes: Number.NEGATIVE_INFINITY }, record, now);
    return this.move(caller, record, tenant, start, now, null);
  }

  /** Secures the new start before releasing the old one, mails the change, publishes. */
  private async move(caller: Caller, record: BookingRecord, tenant: Tenant, start: Date, now: Date, token: string | null): Promise<BookingRecord> {
    const scope = await resolveRequestScope(this.services.scheduling, caller, { tenant: tenant.slug, office: record.officeId, items: record.items });
    let updated: BookingRecord | undefined;
    await this.claim(
      scope,
      start,
      now,
      async (counterId, slot) => {
        const moved = { ...record, start: slot.start, end: slot.end, counterId };
        const mail = record.contactEmail ? await this.mailFor("RESCHEDULE", tenant, moved, token, record.icsSequence + 1, record.start) : null;
        const result = await this.bookings.reschedule({
          bookingId: record.id,
          tenantId: tenant.id,
          expectedSequence: record.icsSequence,
          counterId,
          start: slot.start,
          end: slot.end,
          now,
          actor: actorLabel(caller.actor),
          mail,
          // The citizen's own move: plan the reminder for the new time with the token they
          // used. A clerk's move has none; the old reminder job plans itself anew then.
          reminder: token ? reminderJob(tenant, moved, token, this.services.mailCipher, now) : null,
        });
        if (result.ok) {
          updated = result.value;
          return true;
        }
        // Cancelled or moved meanwhile: no longer the booking the decision was about.
        if (result.error.kind === "CHANGED") throw bookingRejectionError({ type: "NOT_ACTIVE", status: record.status });
        return false;
      },
      { counterId: record.counterId, start: record.start, end: record.end },
    );
    if (record.contactEmail) this.onMailQueued();
    this.publish(record.officeId);
    return updated!;
  }

  /**
   * Double opt-in: the verification link confirms the booking and mails the confirmation.
   * The manage token the confirmation screen got stays valid (its links must keep working);
   * the mail links with the verification token, which manages the booking from now on.
   * Using the link again shows the booking.
   */
  async verify(caller: Caller, tenantSlug: string, reference: string, token: string): Promise<BookingRecord> {
    const { record, tenant } = await this.proven(caller, tenantSlug, reference, token, "verify");
    if (record.status !== "PENDING_VERIFICATION" && isLive(record.status)) return record;
    const now = this.services.clock();
    const { after } = decided({ type: "VerifyEmail" }, record, now);
    const mail = await this.mailFor("CONFIRMATION", tenant, record, token, record.icsSequence);
    const updated = await this.bookings.transition({
      bookingId: record.id,
      tenantId: tenant.id,
      from: [record.status],
      to: stored(after.status),
      now,
      actor: "citizen",
      reason: "e-mail verified",
      keepVerifyToken: true,
      mail,
    });
    if (!updated) throw bookingRejectionError({ type: "NOT_ACTIVE", status: record.status });
    this.onMailQueued();
    return updated;
  }

  /**
   * The calendar file of a live booking for download (same UID and SEQUENCE as the mails),
   * proven by its download-only key ({@link icsKey}), so no manage token goes into a URL.
   */
  async icsFile(caller: Caller, tenantSlug: string, reference: string, key: string): Promise<string | null> {
    const tenant = await caller.tenantBySlug(tenantSlug);
    const normalized = normalizeReference(reference);
    const record = tenant && normalized ? await this.bookings.byReference(tenant.id, normalized) : null;
    const expected = record ? icsKey(record) : null;
    const matches = digestsEqual(hashToken(expected ?? "not-a-key"), hashToken(key));
    if (!record || !tenant || !expected || !matches || !isLive(record.status)) return null;
    const mail = await this.mailFor("CONFIRMATION", tenant, record, null, record.icsSequence);
    // Rendered mails are sealed for the outbox; the download is the calendar file itself.
    return mail.icsContent === null ? null : this.services.mailCipher.open(mail.icsContent);
  }

  /** Job: expire lapsed holds and/or unverified bookings (actor "system"); publishes each affected office once. */
  async expireLapsed(which: "HELD" | "PENDING_VERIFICATION" | "ALL" = "ALL", job?: string): Promise<number> {
    const expired = await this.bookings.expireLapsed(this.services.clock(), { which, actor: "system", ...(job ? { job } : {}) });
    for (const officeId of new Set(expired.map((e) => e.officeId))) this.publish(officeId);
    return expired.length;
  }
}
