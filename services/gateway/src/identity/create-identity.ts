import type { IdentityRepository } from "@terminvergabe/db";
import type { Logger } from "../logger.ts";
import { IdentityService } from "./identity-service.ts";
import { LoginThrottle } from "./login-throttle.ts";
import { PasswordChecker } from "./password.ts";
import { SessionService } from "./sessions.ts";

/** Wires the identity services of one process (the throttle's memory is per process). */
export function createIdentity(repository: IdentityRepository, clock: () => Date, logger: Logger, publicUrl: string): IdentityService {
  const sessions = new SessionService(repository, clock);
  const throttle = new LoginThrottle(undefined, () => clock().getTime());
  return new IdentityService(repository, sessions, new PasswordChecker(), throttle, logger, { publicUrl, clock });
}
