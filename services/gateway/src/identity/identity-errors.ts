import { DomainError } from "../errors/domain-errors.ts";

/** Unknown agency, unknown e-mail address, SSO-only account, inactive account or wrong password: one answer for all. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super("INVALID_CREDENTIALS");
  }
}

/** Too many sign-in attempts for this account or from this address. */
export class LoginThrottled extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("LOGIN_THROTTLED", { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}
