import { msg } from "@lit/localize";
import type { CampaignStatus, TimeOfDay } from "./portal-api.ts";
import type { Station } from "./timeline.ts";

/** The campaign's state in plain words. */
export const statusText = (status: CampaignStatus): string =>
  ({
    // Customers are not shown drafts; the schema's enum has the state all the same.
    DRAFT: msg("In Vorbereitung"),
    PUBLISHED: msg("Angekündigt – die Anmeldung beginnt bald"),
    OPEN: msg("Anmeldung geöffnet"),
    CLOSED: msg("Anmeldung geschlossen – die Auslosung steht bevor"),
    DRAWN: msg("Ausgelost – Terminangebote sind verschickt"),
    FINISHED: msg("Abgeschlossen"),
  })[status];

export const stationText = (station: Station): string =>
  ({
    applied: msg("Anfrage gestellt"),
    drawn: msg("Ausgelost"),
    waitlisted: msg("Warteliste"),
    offered: msg("Termin angeboten"),
    confirmed: msg("Termin bestätigt"),
    ended: msg("Beendet"),
  })[station];

export const timeOfDayText = (time: TimeOfDay): string =>
  ({ MORNING: msg("vormittags (bis 12 Uhr)"), AFTERNOON: msg("nachmittags (12 bis 17 Uhr)"), EVENING: msg("abends (ab 17 Uhr)") })[time];

/** The plain-German explanation of the procedure (issue 15: entry time does not matter). */
export const procedureText = (): string[] => [
  msg("Die Termine werden nach dem Ende der Anmeldung unter allen Anfragen verlost."),
  msg("Wann Sie Ihre Anfrage stellen, spielt keine Rolle: Ihre Chancen bleiben gleich, ob Sie am ersten oder am letzten Tag teilnehmen."),
  msg("Bis zum Ende der Anmeldung können Sie Ihre Wünsche ändern oder die Anfrage zurückziehen."),
  msg("Nach der Auslosung erhalten Sie per E-Mail und hier im Portal ein Terminangebot oder einen Platz auf der Warteliste."),
];
