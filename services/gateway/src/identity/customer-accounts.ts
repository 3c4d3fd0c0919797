import { checkMembershipNumber, type Tenant } from "@terminvergabe/core";
import { type BookingRecord, type CustomerAccount, type CustomerNotificationRecord, type CustomerRepository, hashPassword, hashToken, type LotteryOutboxInsert, newToken } from "@terminvergabe/db";
import { InputError } from "../errors/domain-errors.ts";
import type { Logger } from "../logger.ts";
import { renderLotteryMail } from "../lottery/lottery-mail.ts";
import { type MailCipher, sealMail } from "../mail/mail-cipher.ts";
import type { IdentityService } from "./identity-service.ts";
import { InvalidCredentials, LoginThrottled } from "./identity-errors.ts";
import { MAX_PASSWORD_LENGTH } from "./password.ts";
import type { StartedSession } from "./sessions.ts";
import type { Viewer } from "./viewer.ts";

export type CustomerViewer = Extract<Viewer, { kind: "customer" }>;

/** Shortest customer password; the same KDF, session and throttling rules as staff apply. */
export const MIN_PASSWORD_LENGTH = 10;
const VERIFY_WINDOW_MS = 24 * 3_600_000;
/** A forgotten-password link works for an hour, once. */
export const RESET_WINDOW_MS = 3_600_000;
/** An e-mail change link works for a day, once. */
const EMAIL_CHANGE_WINDOW_MS = 24 * 3_600_000;
/** Most notifications one request returns. */
export const MAX_NOTIFICATIONS = 200;

/** What deleting an account needs from the lottery and the booking areas (wired in app.ts). */
export interface AccountDeletionPorts {
  /** Withdraws, declines and cancels the customer's applications (refuses while a draw is pending). */
  releaseApplications(customer: { tenantId: string; customerId: string }, reason: { de: string; en: string }): Promise<number>;
  /** Cancels one live booking with notice (mail with the reason and METHOD:CANCEL). */
  cancelBooking(tenant: Tenant, booking: BookingRecord, reason: string): Promise<void>;
  bookingById(tenantId: string, id: string): Promise<BookingRecord | null>;
}

const DELETION_REASON = { de: "Das Kundenkonto wurde gelöscht.", en: "The customer account was deleted." };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Portal customer accounts (case C), per tenant: registration with e-mail double opt-in
 * and password sign-in. Passwords, throttling and sessions are the identity service's.
 */
export class CustomerAccounts {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly identity: IdentityService,
    private readonly deps: {
      clock: () => Date;
      logger: Logger;
      publicUrl: string;
      kickOutbox: () => void;
      deletion?: () => AccountDeletionPorts;
      /** Seals queued mails at rest (their links carry verification and reset tokens). */
      mailCipher?: MailCipher;
    },
  ) {}

  /** A mail as the outbox keeps it until delivery: sealed when a key is configured. */
  private sealed(mail: LotteryOutboxInsert): LotteryOutboxInsert {
    return this.deps.mailCipher ? sealMail(this.deps.mailCipher, mail) : mail;
  }

  /**
   * Registers an unverified account and mails the opt-in link. An address that has an
   * account already gets EMAIL_TAKEN (registration forms say so anyway).
   */
  async register(
    tenant: Tenant,
    input: { name: string; email: string; password: string; membershipNumber?: string | null; consent: boolean; locale: "de" | "en" },
  ): Promise<{ email: string }> {
    const name = input.name.trim();
    const email = input.email.trim();
    if (!name || name.length > 200) throw new InputError("NAME_REQUIRED", "name");
    if (email.length > 254 || !EMAIL.test(email)) throw new InputError("EMAIL_INVALID", "email");
    const membership = checkMembershipNumber(input.membershipNumber, tenant.policy.membershipNumberRequired);
    if (!membership.ok) throw new InputError(membership.error, "membershipNumber");
    checkNewPassword(input.password, "password");
    // Processing the member's data rests on their consent to the agency's privacy notice.
    if (!input.consent) throw new InputError("CONSENT_REQUIRED", "consent");
    const now = this.deps.clock();
    const token = newToken();
    const link = `${this.deps.publicUrl}/portal/${encodeURIComponent(tenant.slug)}/verify#token=${token}`;
    const result = await this.repository.register({
      tenantId: tenant.id,
      email,
      emailNormalized: email.toLowerCase(),
      name,
      passwordHash: await hashPassword(input.password),
      locale: input.locale,
      membershipNumber: membership.value,
      verifyTokenHash: hashToken(token),
      verifyExpiresAt: new Date(now.getTime() + VERIFY_WINDOW_MS),
      now,
      mail: this.sealed(renderLotteryMail({ kind: "verify-account", tenant: tenant.name[input.locale] ?? tenant.slug, link }, { email, name, locale: input.locale }, tenant.timeZone)),
    });
    if (result === "EMAIL_TAKEN") throw new InputError("EMAIL_TAKEN", "email");
    this.deps.kickOutbox();
    this.deps.logger.info("customer.registered", { tenantId: tenant.id });
    return { email };
  }

  /** The opt-in link's token, used once. */
  async verify(tenant: Tenant, token: string): Promise<CustomerAccount> {
    const account = token.length > 0 && token.length <= 200 ? await this.repository.verify(tenant.id, hashToken(token), this.deps.clock()) : null;
    if (!account) throw new InputError("VERIFICATION_LINK_INVALID", "token");
    return account;
  }

  /**
   * Password sign-in. Unknown agency, unknown address and wrong password cost the same and
   * answer alike; a correct password of an unverified account asks for the opt-in first.
   */
  async login(tenant: Tenant | null, input: { email: string; password: string; clientAddress: string }): Promise<{ viewer: CustomerViewer; session: StartedSession }> {
    const email = input.email.trim().toLowerCase();
    if (email.length > 254) throw new InputError("EMAIL_INVALID", "email");
    if (input.password.length > MAX_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_LONG", "password");
    const decision = this.identity.throttle.attempt(`customer:${tenant?.id ?? "-"}:${email}`, input.clientAddress);
    if (!decision.allowed) throw new LoginThrottled(decision.retryAfterSeconds);
    const customer = tenant && email ? await this.repository.byEmail(tenant.id, email) : null;
    const check = await this.identity.passwords.check(input.password, customer?.passwordHash ?? null);
    decision.release(check.ok);
    if (!check.ok || !customer) throw new InvalidCredentials();
    if (!customer.verified) throw new InputError("EMAIL_NOT_VERIFIED", "email");
    if (check.upgradedHash) await this.repository.setPasswordHash(customer.tenantId, customer.id, check.upgradedHash);
    const session = await this.identity.sessions.start(customer.tenantId, { customerId: customer.id }, "password");
    const account: CustomerAccount = { id: customer.id, tenantId: customer.tenantId, email: customer.email, name: customer.name, verified: true };
    const viewer: CustomerViewer = {
      kind: "customer",
      tenantId: customer.tenantId,
      customerId: customer.id,
      customer: account,
      session: { id: session.id, expiresAt: session.expiresAt, via: "bearer" },
    };
    return { viewer, session };
  }

  /**
   * Forgotten password: mails a single-use link valid for an hour to the address, if it has
   * an account. Throttled like a sign-in; the answer is the same whether or not it has one.
   */
  async requestPasswordReset(tenant: Tenant | null, input: { email: string; clientAddress: string }): Promise<void> {
    const email = input.email.trim().toLowerCase();
    if (email.length > 254 || !EMAIL.test(email)) throw new InputError("EMAIL_INVALID", "email");
    const decision = this.identity.throttle.attempt(`customer-reset:${tenant?.id ?? "-"}:${email}`, input.clientAddress);
    if (!decision.allowed) throw new LoginThrottled(decision.retryAfterSeconds);
    // Counted as a failed attempt either way, so the throttle also bounds the mails sent.
    decision.release(false);
    if (!tenant) return;
    const now = this.deps.clock();
    const token = newToken();
    const link = `${this.deps.publicUrl}/portal/${encodeURIComponent(tenant.slug)}/reset-password#token=${token}`;
    const sent = await this.repository.requestReset({
      tenantId: tenant.id,
      emailNormalized: email,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + RESET_WINDOW_MS),
      now,
      mail: (to) => this.sealed(renderLotteryMail({ kind: "reset-password", tenant: tenant.name[to.locale === "en" ? "en" : "de"] || tenant.slug, link }, to, tenant.timeZone)),
    });
    if (sent) this.deps.kickOutbox();
    this.deps.logger.info("customer.password_reset_requested", { tenantId: tenant.id });
  }

  /** Sets a new password with the reset link's token (single use); every session of the account ends. */
  async resetPassword(tenant: Tenant | null, token: string, password: string): Promise<void> {
    checkNewPassword(password, "password");
    const hash = await hashPassword(password);
    const done = tenant && token.length > 0 && token.length <= 200 ? await this.repository.resetPassword(tenant.id, hashToken(token), hash, this.deps.clock()) : null;
    if (!done) throw new InputError("RESET_LINK_INVALID", "token");
  }

  /** A signed-in customer changes the password, proving the current one; other sessions end. */
  async changePassword(viewer: CustomerViewer, current: string, next: string, clientAddress: string): Promise<void> {
    await this.proveCurrentPassword(viewer, current, clientAddress);
    checkNewPassword(next, "newPassword");
    await this.repository.changePassword(viewer.tenantId, viewer.customerId, await hashPassword(next), viewer.session.id, this.deps.clock());
  }

  /**
   * Asks to change the e-mail address: a single-use link goes to the new address, which
   * takes over only once it is followed (re-verified). Proves the current password.
   */
  async requestEmailChange(viewer: CustomerViewer, tenant: Tenant, newEmail: string, password: string, clientAddress: string): Promise<{ email: string }> {
    const email = newEmail.trim();
    if (email.length > 254 || !EMAIL.test(email)) throw new InputError("EMAIL_INVALID", "email");
    if (email.toLowerCase() === viewer.customer.email.toLowerCase()) throw new InputError("EMAIL_UNCHANGED", "email");
    const customer = await this.proveCurrentPassword(viewer, password, clientAddress);
    const now = this.deps.clock();
    const token = newToken();
    const link = `${this.deps.publicUrl}/portal/${encodeURIComponent(tenant.slug)}/confirm-email#token=${token}`;
    const result = await this.repository.requestEmailChange({
      tenantId: tenant.id,
      id: viewer.customerId,
      email,
      emailNormalized: email.toLowerCase(),
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + EMAIL_CHANGE_WINDOW_MS),
      now,
      mail: this.sealed(renderLotteryMail({ kind: "confirm-email-change", tenant: tenant.name[customer.locale === "en" ? "en" : "de"] || tenant.slug, link }, { email, name: customer.name, locale: customer.locale }, tenant.timeZone)),
    });
    if (result === "EMAIL_TAKEN") throw new InputError("EMAIL_TAKEN", "email");
    this.deps.kickOutbox();
    return { email };
  }

  /** The e-mail change link's token (single use): the new address becomes the account's. */
  async confirmEmailChange(tenant: Tenant | null, token: string): Promise<{ email: string }> {
    const result = tenant && token.length > 0 && token.length <= 200 ? await this.repository.confirmEmailChange(tenant.id, hashToken(token), this.deps.clock()) : "INVALID";
    if (result === "EMAIL_TAKEN") throw new InputError("EMAIL_TAKEN", "email");
    if (result === "INVALID") throw new InputError("EMAIL_CHANGE_LINK_INVALID", "token");
    return { email: result.email };
  }

  /**
   * Deletes the account (GDPR), proving the password: open applications are withdrawn,
   * offers declined, confirmed lottery appointments and live bookings cancelled with notice;
   * then the account, its sessions, applications and notifications are erased.
   */
  async deleteAccount(viewer: CustomerViewer, tenant: Tenant, password: string, clientAddress: string): Promise<void> {
    await this.proveCurrentPassword(viewer, password, clientAddress);
    const ports = this.deps.deletion?.();
    if (!ports) throw new Error("account deletion is not wired");
    const customer = { tenantId: viewer.tenantId, customerId: viewer.customerId };
    await ports.releaseApplications(customer, DELETION_REASON);
    for (const id of await this.repository.liveBookingIds(tenant.id, viewer.customerId, this.deps.clock())) {
      const booking = await ports.bookingById(tenant.id, id);
      if (booking) await ports.cancelBooking(tenant, booking, DELETION_REASON[booking.locale]);
    }
    await this.repository.delete(tenant.id, viewer.customerId, this.deps.clock());
    this.deps.logger.info("customer.deleted", { tenantId: tenant.id });
  }

  /** The portal's notification list, newest first. */
  notifications(viewer: CustomerViewer, limit: number): Promise<CustomerNotificationRecord[]> {
    return this.repository.notifications(viewer.tenantId, viewer.customerId, Math.max(1, Math.min(MAX_NOTIFICATIONS, Math.trunc(limit))));
  }

  /** Marks notifications read (all when `ids` is null); returns how many changed. */
  markNotificationsRead(viewer: CustomerViewer, ids: readonly string[] | null): Promise<number> {
    if (ids && ids.length > MAX_NOTIFICATIONS) throw new InputError("TOO_MANY_IDS", "ids", { max: MAX_NOTIFICATIONS });
    const valid = ids?.filter((id) => /^[0-9a-f-]{36}$/i.test(id)) ?? null;
    return this.repository.markNotificationsRead(viewer.tenantId, viewer.customerId, valid, this.deps.clock());
  }

  /** Checks the signed-in customer's password with the same throttle and KDF as a sign-in. */
  private async proveCurrentPassword(viewer: CustomerViewer, password: string, clientAddress: string) {
    if (password.length > MAX_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_LONG", "password");
    const decision = this.identity.throttle.attempt(`customer:${viewer.tenantId}:${viewer.customer.email.toLowerCase()}`, clientAddress);
    if (!decision.allowed) throw new LoginThrottled(decision.retryAfterSeconds);
    const customer = await this.repository.byId(viewer.tenantId, viewer.customerId);
    const check = await this.identity.passwords.check(password, customer?.passwordHash ?? null);
    decision.release(check.ok);
    if (!check.ok || !customer) throw new InvalidCredentials();
    return customer;
  }
}

function checkNewPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_SHORT", field, { min: MIN_PASSWORD_LENGTH });
  if (password.length > MAX_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_LONG", field);
}
