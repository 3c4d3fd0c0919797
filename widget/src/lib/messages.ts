import { msg } from "@lit/localize";

/** A request failed on the way (offline, gateway down); the citizen may simply retry. */
export const connectionFailed = (): string =>
  msg("Das hat nicht geklappt. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.");
