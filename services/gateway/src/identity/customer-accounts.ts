import type { Tenant } from "@terminvergabe/core";
import { type CustomerAccount, type CustomerRepository, hashPassword, hashToken, newToken } from "@terminvergabe/db";
import { InputError } from "../errors/domain-errors.ts";
import type { Logger } from "../logger.ts";
import { renderLotteryMail } from "../lottery/lottery-mail.ts";
import type { IdentityService } from "./identity-service.ts";
import { InvalidCredentials, LoginThrottled } from "./identity-errors.ts";
import { MAX_PASSWORD_LENGTH } from "./password.ts";
import type { StartedSession } from "./sessions.ts";
import type { Viewer } from "./viewer.ts";

export type CustomerViewer = Extract<Viewer, { kind: "customer" }>;

/** Shortest customer password; the same KDF, session and throttling rules as staff apply. */
export const MIN_PASSWORD_LENGTH = 10;
const VERIFY_WINDOW_MS = 24 * 3_600_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Portal customer accounts (case C), per tenant: registration with e-mail double opt-in
 * and password sign-in. Passwords, throttling and sessions are the identity service's.
 */
export class CustomerAccounts {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly identity: IdentityService,
    private readonly deps: { clock: () => Date; logger: Logger; publicUrl: string; kickOutbox: () => void },
  ) {}

  /**
   * Registers an unverified account and mails the opt-in link. An address that has an
   * account already gets EMAIL_TAKEN (registration forms say so anyway).
   */
  async register(tenant: Tenant, input: { name: string; email: string; password: string; locale: "de" | "en" }): Promise<{ email: string }> {
    const name = input.name.trim();
    const email = input.email.trim();
    if (!name || name.length > 200) throw new InputError("NAME_REQUIRED", "name");
    if (email.length > 254 || !EMAIL.test(email)) throw new InputError("EMAIL_INVALID", "email");
    if (input.password.length < MIN_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_SHORT", "password", { min: MIN_PASSWORD_LENGTH });
    if (input.password.length > MAX_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_LONG", "password");
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
      verifyTokenHash: hashToken(token),
      verifyExpiresAt: new Date(now.getTime() + VERIFY_WINDOW_MS),
      now,
      mail: renderLotteryMail({ kind: "verify-account", tenant: tenant.name[input.locale] ?? tenant.slug, link }, { email, name, locale: input.locale }, tenant.timeZone),
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
}
