import { rolesOf, type Tenant } from "@terminvergabe/core";
import type { IdentityRepository, StaffAccount } from "@terminvergabe/db";
import { InputError } from "../errors/domain-errors.ts";
import type { Logger } from "../logger.ts";
import { InvalidCredentials, LoginThrottled } from "./identity-errors.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import { OidcService } from "./oidc.ts";
import { MAX_PASSWORD_LENGTH, type PasswordChecker } from "./password.ts";
import type { SessionService } from "./sessions.ts";
import type { StaffSignIn, StaffViewer } from "./staff-sign-in.ts";

export interface StaffLoginInput {
  /** The agency named in the request, already origin-checked; null when unknown. */
  tenant: Tenant | null;
  email: string;
  password: string;
  /** The client's address, for throttling. */
  clientAddress: string;
}

/** Sign-in and sign-out; decides nothing about what a viewer may do (see the auth scopes). */
export class IdentityService {
  /** Single sign-on through each tenant's OpenID provider. */
  readonly oidc: OidcService;

  constructor(
    private readonly repository: IdentityRepository,
    readonly sessions: SessionService,
    readonly passwords: PasswordChecker,
    readonly throttle: LoginThrottle,
    private readonly logger: Logger,
    options: { publicUrl: string; clock: () => Date },
  ) {
    this.oidc = new OidcService(repository, this, options.publicUrl, options.clock, logger);
  }

  /**
   * Password sign-in of a staff member. An unknown agency, an unknown address, an account
   * without a password (SSO only), an inactive account and a wrong password all get
   * InvalidCredentials after the same work (one scrypt verification).
   */
  async staffLogin(input: StaffLoginInput): Promise<StaffSignIn> {
    const email = input.email.trim().toLowerCase();
    if (email.length > 254) throw new InputError("EMAIL_INVALID", "email");
    if (input.password.length > MAX_PASSWORD_LENGTH) throw new InputError("PASSWORD_TOO_LONG", "password");
    const decision = this.throttle.attempt(`staff:${input.tenant?.id ?? "-"}:${email}`, input.clientAddress);
    if (!decision.allowed) {
      this.logger.info("auth.login_throttled", { tenant: input.tenant?.slug ?? null });
      throw new LoginThrottled(decision.retryAfterSeconds);
    }
    const user = input.tenant && email ? await this.repository.staffByEmail(input.tenant.id, email) : null;
    const usable = user && user.active ? user : null;
    const check = await this.passwords.check(input.password, usable?.passwordHash ?? null);
    decision.release(check.ok);
    if (!check.ok || !usable) {
      this.logger.info("auth.login_failed", { tenant: input.tenant?.slug ?? null });
      throw new InvalidCredentials();
    }
    if (check.upgradedHash) await this.repository.setStaffPasswordHash(usable.tenantId, usable.id, check.upgradedHash);
    return this.startStaffSession(usable, "password");
  }

  /** A staff session for a user the caller has authenticated (password or single sign-on). */
  async startStaffSession(user: StaffAccount, method: "password" | "oidc"): Promise<StaffSignIn> {
    const session = await this.sessions.start(user.tenantId, { staffUserId: user.id }, method);
    this.logger.info("auth.staff_signed_in", { tenantId: user.tenantId, userId: user.id, method });
    const viewer: StaffViewer = {
      kind: "staff",
      tenantId: user.tenantId,
      userId: user.id,
      roles: rolesOf(user.role),
      user,
      session: { id: session.id, expiresAt: session.expiresAt, via: "bearer" },
    };
    return { viewer, session };
  }

  /** A tenant's staff members (the caller has checked that the viewer may see them). */
  staffOf(tenantId: string): Promise<StaffAccount[]> {
    return this.repository.staffOfTenant(tenantId);
  }

  /** Ends the session behind `token` (if any). */
  logout(token: string): Promise<boolean> {
    return this.sessions.end(token);
  }
}
