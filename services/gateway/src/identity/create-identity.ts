import type { IdentityRepository } from "@terminvergabe/db";
import type { Logger } from "../logger.ts";
import { IdentityService } from "./identity-service.ts";
import { LoginThrottle } from "./login-throttle.ts";
import { PasswordChecker } from "./password.ts";
import { SessionService } from "./sessions.ts";

/** Wires the identity services of one process (the throttle's memory is per process). */
export function createIdentity(repository: IdentityRepository, clock: () => Date, logger: Logger): IdentityService {
  const sessions = new SessionService(repository, clock);
  return new IdentityService(repository, sessions, new PasswordChecker(), new LoginThrottle(undefined, () => clock().getTime()), logger);
}
