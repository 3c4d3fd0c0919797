import type { Locale } from "@terminvergabe/core";

/** Every text the API itself returns to a citizen or clerk, German first. */
export const messages = {
  ORIGIN_NOT_ALLOWED: {
    de: "Diese Website darf die Terminbuchung dieser Behörde nicht einbinden.",
    en: "This website is not allowed to embed this agency's booking.",
  },
  START_OR_DAY_REQUIRED: {
    de: "Bitte geben Sie entweder eine Uhrzeit oder einen Tag an.",
    en: "Please give either a time or a day.",
  },
  MALFORMED_TIME: {
    de: "Die Uhrzeit ist ungültig (Format SS:MM, z. B. 09:30).",
    en: "The time is invalid (format HH:MM, e.g. 09:30).",
  },
  NO_WAITING_ROOM: {
    de: "Für diese Behörde gibt es derzeit keinen Warteraum.",
    en: "This agency has no waiting room at the moment.",
  },
  WAITING_ROOM_NOT_OPEN: {
    de: "Der Warteraum ist noch nicht geöffnet.",
    en: "The waiting room is not open yet.",
  },
  WAITING_ROOM_TICKET_REQUIRED: {
    de: "Die Termine werden gerade freigegeben. Bitte betreten Sie zuerst den Warteraum – die Reihenfolge wird ausgelost, früheres Kommen bringt keinen Vorteil.",
    en: "Appointments are being released right now. Please enter the waiting room first – the order is drawn by lot, arriving earlier gives no advantage.",
  },
  NOT_YET_ADMITTED: {
    de: "Sie sind gleich an der Reihe. Bitte warten Sie bis zu Ihrer Einlasszeit.",
    en: "It is almost your turn. Please wait until your admission time.",
  },
  RELEASE_SOLD_OUT: {
    de: "Alle Termine dieser Freigabe sind vergeben.",
    en: "All appointments of this release are taken.",
  },
  WAITING_ROOM_TICKET_UNKNOWN: {
    de: "Dieses Warteraum-Ticket ist nicht bekannt. Bitte betreten Sie den Warteraum erneut.",
    en: "This waiting-room ticket is unknown. Please enter the waiting room again.",
  },
  OVERLOADED: {
    de: "Sehr hohe Nachfrage: Bitte haben Sie einen Moment Geduld, wir versuchen es gleich erneut.",
    en: "Very high demand: please bear with us for a moment, we will try again shortly.",
  },
  ARGUMENT_TOO_LONG: { de: "Eine Angabe ist zu lang.", en: "A value is too long." },
  UNKNOWN_TENANT: { de: "Diese Behörde ist nicht bekannt.", en: "This agency is unknown." },
  UNKNOWN_OFFICE: { de: "Dieser Standort ist nicht bekannt.", en: "This office is unknown." },
  EMPTY_REQUEST: { de: "Bitte wählen Sie mindestens ein Anliegen.", en: "Please choose at least one concern." },
  UNKNOWN_SERVICE: { de: "Dieses Anliegen ist nicht bekannt.", en: "This concern is unknown." },
  DUPLICATE_SERVICE: {
    de: "Ein Anliegen ist doppelt angegeben; bitte nutzen Sie die Anzahl.",
    en: "A concern is listed twice; please use the quantity instead.",
  },
  INVALID_QUANTITY: {
    de: "Die Anzahl muss zwischen 1 und {max} liegen.",
    en: "The quantity must be between 1 and {max}.",
  },
  SERVICE_NOT_OFFERED: {
    de: "Dieses Anliegen wird an diesem Standort nicht angeboten.",
    en: "This concern is not offered at this office.",
  },
  NO_COUNTER_SERVES_ALL: {
    de: "Diese Anliegen können an diesem Standort nicht in einem Termin erledigt werden. Bitte buchen Sie getrennte Termine.",
    en: "These concerns cannot be handled in one appointment at this office. Please book separate appointments.",
  },
  NOT_BOOKABLE_ONLINE: {
    de: "Dieses Anliegen kann nur telefonisch gebucht werden.",
    en: "This concern can only be booked by phone.",
  },
  MALFORMED_DATE: { de: "Das Datum ist ungültig.", en: "The date is invalid." },
  INVALID_RANGE: {
    de: "Das Enddatum darf nicht vor dem Anfangsdatum liegen.",
    en: "The end date must not be before the start date.",
  },
  RANGE_EXCEEDS_HORIZON: {
    de: "Der Zeitraum ist zu lang: höchstens {max, plural, one {# Tag} other {# Tage}}.",
    en: "The date range is too long: at most {max, plural, one {# day} other {# days}}.",
  },
  INVALID_CONFIGURATION: {
    de: "Für diesen Standort sind derzeit keine Online-Termine möglich.",
    en: "Online appointments are currently not possible at this office.",
  },
  SLOT_UNAVAILABLE: {
    de: "Dieser Termin ist leider nicht mehr frei. Bitte wählen Sie eine andere Zeit.",
    en: "This time is no longer available. Please choose another time.",
  },
  HOLD_EXPIRED: {
    de: "Ihre Reservierung ist abgelaufen. Bitte wählen Sie den Termin erneut.",
    en: "Your reservation has expired. Please choose the time again.",
  },
  NOT_FOUND: { de: "Der Termin wurde nicht gefunden.", en: "The appointment was not found." },
  CONSENT_REQUIRED: {
    de: "Bitte stimmen Sie der Datenschutzerklärung zu.",
    en: "Please accept the privacy notice.",
  },
  NAME_REQUIRED: { de: "Bitte geben Sie Ihren Namen an.", en: "Please enter your name." },
  NAME_TOO_LONG: { de: "Der Name ist zu lang (höchstens 100 Zeichen).", en: "The name is too long (at most 100 characters)." },
  EMAIL_INVALID: {
    de: "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.",
    en: "Please enter a valid e-mail address, e.g. name@example.com.",
  },
  PHONE_REQUIRED: { de: "Bitte geben Sie eine Telefonnummer an.", en: "Please enter a phone number." },
  PHONE_INVALID: {
    de: "Bitte geben Sie eine gültige Telefonnummer an, z. B. 030 1234567.",
    en: "Please enter a valid phone number, e.g. +49 30 1234567.",
  },
  LOCALE_INVALID: { de: "Unbekannte Sprache.", en: "Unknown language." },
  START_TOO_SOON: {
    de: "Dieser Termin liegt zu kurzfristig. Bitte wählen Sie eine spätere Zeit.",
    en: "This time is too soon. Please choose a later time.",
  },
  START_BEYOND_HORIZON: {
    de: "So weit im Voraus können noch keine Termine gebucht werden.",
    en: "Appointments cannot be booked that far ahead yet.",
  },
  START_OUTSIDE_HOURS: {
    de: "Zu dieser Zeit werden keine Termine vergeben.",
    en: "No appointments are given at this time.",
  },
  START_CLOSED: { de: "An diesem Tag ist geschlossen.", en: "The office is closed on this day." },
  TOO_MANY_ACTIVE_BOOKINGS: {
    de: "Sie haben bereits {max, plural, one {# offenen Termin} other {# offene Termine}}. Bitte sagen Sie einen Termin ab, bevor Sie einen neuen buchen.",
    en: "You already have {max, plural, one {# open appointment} other {# open appointments}}. Please cancel one before booking another.",
  },
  SAME_SERVICE_ALREADY_BOOKED: {
    de: "Für dieses Anliegen haben Sie bereits einen Termin.",
    en: "You already have an appointment for this concern.",
  },
  TOO_MANY_HOLDS: {
    de: "Von Ihrem Anschluss aus {max, plural, one {ist bereits # Uhrzeit} other {sind bereits # Uhrzeiten}} reserviert. Bitte buchen Sie diese oder warten Sie einige Minuten.",
    en: "{max, plural, one {# time is} other {# times are}} already reserved from your connection. Please book them or wait a few minutes.",
  },
  TOO_MANY_BOOKINGS_FROM_ADDRESS: {
    de: "Von Ihrem Anschluss aus {max, plural, one {wurde in der letzten Stunde bereits # Termin} other {wurden in der letzten Stunde bereits # Termine}} gebucht. Bitte versuchen Sie es später erneut oder rufen Sie uns an.",
    en: "{max, plural, one {# appointment was} other {# appointments were}} already booked from your connection in the last hour. Please try again later or call us.",
  },
  HOLD_LIFETIME_REACHED: {
    de: "Die Reservierung kann nicht weiter verlängert werden. Bitte schließen Sie die Buchung jetzt ab.",
    en: "The reservation cannot be extended any further. Please complete the booking now.",
  },
  PROOF_OF_WORK_REQUIRED: {
    de: "Die automatische Sicherheitsprüfung ist fehlgeschlagen. Bitte versuchen Sie es erneut.",
    en: "The automatic security check failed. Please try again.",
  },
  RATE_LIMITED: {
    de: "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie {seconds, plural, one {# Sekunde} other {# Sekunden}} und versuchen Sie es dann erneut.",
    en: "Too many requests in a short time. Please wait {seconds, plural, one {# second} other {# seconds}} and try again.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    de: "Anfragen an die Schnittstelle müssen als JSON gesendet werden.",
    en: "Requests to the API must be sent as JSON.",
  },
  TOO_MANY_NO_SHOWS: {
    de: "Wegen mehrerer nicht wahrgenommener Termine ist eine Online-Buchung derzeit nicht möglich. Bitte rufen Sie uns an.",
    en: "Because several appointments were missed, online booking is currently not possible. Please call us.",
  },
  // The contact check at step 3 (contactCheck): the rule and the count, never when or whose.
  CONTACT_TOO_MANY_ACTIVE: {
    de: "Mit diesen Kontaktdaten {count, plural, one {ist bereits # offener Termin} other {sind bereits # offene Termine}} gebucht. Pro Person {max, plural, one {ist höchstens # offener Termin} other {sind höchstens # offene Termine}} möglich.",
    en: "{count, plural, one {# open appointment is} other {# open appointments are}} already booked with this contact information. Each person may have at most {max, plural, one {# open appointment} other {# open appointments}}.",
  },
  CONTACT_SAME_SERVICE: {
    de: "Mit diesen Kontaktdaten ist für das Anliegen „{service}“ bereits ein offener Termin gebucht. Pro Person ist je Anliegen höchstens ein offener Termin möglich.",
    en: "An open appointment for \u201c{service}\u201d is already booked with this contact information. Each person may have at most one open appointment per concern.",
  },
  MANAGE_LINKS_REQUESTED: {
    de: "Wenn mit diesen Kontaktdaten ein offener Termin gebucht ist, senden wir den Verwaltungslink an die E-Mail-Adresse, die bei diesem Termin angegeben wurde. Darüber kann der Termin abgesagt oder verschoben werden.",
    en: "If an open appointment is booked with this contact information, we send its manage link to the e-mail address given for that appointment. With it, the appointment can be cancelled or rescheduled.",
  },
  CONTACT_TOO_MANY_NO_SHOWS: {
    de: "Mit diesen Kontaktdaten {limit, plural, one {wurde mindestens # Termin} other {wurden mindestens # Termine}} nicht wahrgenommen. Eine Online-Buchung ist deshalb derzeit nicht möglich. Bitte rufen Sie uns an.",
    en: "At least {limit, plural, one {# appointment was} other {# appointments were}} missed with this contact information, so online booking is currently not possible. Please call us.",
  },
  CANCELLATION_CUTOFF: {
    de: "Dieser Termin kann online nicht mehr geändert werden. Bitte rufen Sie uns an.",
    en: "This appointment can no longer be changed online. Please call us.",
  },
  BOOKING_NOT_ACTIVE: {
    de: "Dieser Termin ist nicht mehr aktiv.",
    en: "This appointment is no longer active.",
  },
  INVALID_CREDENTIALS: {
    de: "E-Mail-Adresse oder Passwort ist nicht korrekt.",
    en: "The e-mail address or password is incorrect.",
  },
  LOGIN_THROTTLED: {
    de: "Zu viele Anmeldeversuche. Bitte versuchen Sie es in {minutes, plural, one {# Minute} other {# Minuten}} erneut.",
    en: "Too many sign-in attempts. Please try again in {minutes, plural, one {# minute} other {# minutes}}.",
  },
  PASSWORD_TOO_LONG: { de: "Das Passwort ist zu lang.", en: "The password is too long." },
  SESSION_COOKIE_NOT_ALLOWED: {
    de: "Ein Sitzungs-Cookie gibt es nur auf der Seite des Terminvergabe-Servers selbst; bitte fordern Sie ein Token an (deliverAs: TOKEN).",
    en: "A session cookie is only set on the Terminvergabe server's own site; please request a token instead (deliverAs: TOKEN).",
  },
  SSO_NOT_CONFIGURED: {
    de: "Für diese Behörde ist keine zentrale Anmeldung eingerichtet.",
    en: "Single sign-on is not set up for this agency.",
  },
  SSO_FAILED: {
    de: "Die Anmeldung über den zentralen Anmeldedienst ist fehlgeschlagen oder abgelaufen. Bitte versuchen Sie es erneut.",
    en: "Signing in through the single sign-on service failed or expired. Please try again.",
  },
  SSO_NO_ROLE: {
    de: "Ihr Konto hat keine Rolle für die Terminvergabe dieser Behörde. Bitte wenden Sie sich an Ihre Administration.",
    en: "Your account has no role in this agency's appointment system. Please contact your administrators.",
  },
  // Staff desk (issue 12)
  NOT_ALLOWED: {
    de: "Dafür fehlt Ihnen die Berechtigung.",
    en: "You are not allowed to do this.",
  },
  UNDO_TOO_LATE: {
    de: "Die Markierung kann nur am Tag des Termins zurückgenommen werden.",
    en: "The mark can only be undone on the day of the appointment.",
  },
  OVERRIDE_REASON_REQUIRED: {
    de: "Bitte begründen Sie die Ausnahme von der Buchungsgrenze (höchstens 500 Zeichen).",
    en: "Please give a reason for the exception to the booking limit (at most 500 characters).",
  },
  TOO_EARLY: {
    de: "Der Termin hat noch nicht begonnen.",
    en: "The appointment has not started yet.",
  },
  QUERY_TOO_SHORT: { de: "Bitte geben Sie mindestens {min} Zeichen ein.", en: "Please enter at least {min, plural, one {# character} other {# characters}}." },
  QUERY_TOO_LONG: { de: "Der Suchbegriff ist zu lang (höchstens {max} Zeichen).", en: "The search text is too long (at most {max, plural, one {# character} other {# characters}})." },
  RANGE_TOO_LONG: {
    de: "Der Zeitraum ist zu lang: höchstens {max, plural, one {# Tag} other {# Tage}}.",
    en: "The date range is too long: at most {max, plural, one {# day} other {# days}}.",
  },
  REASON_REQUIRED: { de: "Bitte geben Sie einen Grund an.", en: "Please give a reason." },
  REASON_TOO_LONG: { de: "Der Grund ist zu lang (höchstens {max} Zeichen).", en: "The reason is too long (at most {max, plural, one {# character} other {# characters}})." },
  UNKNOWN_COUNTER: { de: "Dieser Schalter ist nicht bekannt.", en: "This counter is unknown." },
  MALFORMED_CURSOR: { de: "Die Seitenmarke ist ungültig.", en: "The page cursor is invalid." },
  STAFF_SELF_CHANGE: {
    de: "Die eigene Rolle und das eigene Konto kann nur eine andere Administratorin oder ein anderer Administrator ändern.",
    en: "Only another administrator can change your own role or account.",
  },
  STAFF_LAST_ADMIN: {
    de: "Die letzte aktive Administration der Behörde kann nicht herabgestuft oder deaktiviert werden.",
    en: "The agency's last active administrator cannot be demoted or deactivated.",
  },
  STAFF_NO_CHANGE: { de: "Es wurde nichts geändert.", en: "Nothing was changed." },
  // Staff configuration and invitations (issue 12)
  FIELD_REQUIRED: { de: "Bitte füllen Sie dieses Feld aus.", en: "Please fill in this field." },
  FIELD_TOO_LONG: { de: "Der Text ist zu lang (höchstens {max} Zeichen).", en: "The text is too long (at most {max, plural, one {# character} other {# characters}})." },
  TOO_MANY_ENTRIES: { de: "Zu viele Einträge (höchstens {max}).", en: "Too many entries (at most {max})." },
  OUT_OF_RANGE: { de: "Der Wert muss eine Zahl von {min} bis {max} sein.", en: "The value must be a number from {min} to {max}." },
  MALFORMED_SLUG: {
    de: "Die Kurzbezeichnung darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten (höchstens 64 Zeichen).",
    en: "The short name may only contain lower-case letters, digits and hyphens (at most 64 characters).",
  },
  SLUG_TAKEN: { de: "Diese Kurzbezeichnung ist bereits vergeben.", en: "This short name is already taken." },
  INVALID_TIME_ZONE: { de: "Diese Zeitzone ist nicht bekannt (z. B. Europe/Berlin).", en: "This time zone is unknown (e.g. Europe/Berlin)." },
  UNKNOWN_HOLIDAY_REGION: {
    de: "Dieses Bundesland ist für Feiertage nicht bekannt (z. B. BE, BB).",
    en: "This state is unknown for public holidays (e.g. BE, BB).",
  },
  MALFORMED_LEIKA_KEY: { de: "Der LeiKa-Schlüssel besteht aus bis zu 14 Ziffern.", en: "The LeiKa key consists of up to 14 digits." },
  INVALID_RRULE: {
    de: "Die Wiederholungsregel (RRULE) ist ungültig: {detail}",
    en: "The recurrence rule (RRULE) is invalid: {detail}",
  },
  MALFORMED_URL: {
    de: "Bitte geben Sie eine vollständige Adresse mit https:// an.",
    en: "Please enter a complete address starting with https://.",
  },
  MALFORMED_ORIGIN: {
    de: "„{origin}“ ist keine gültige Herkunft: https://domain.example (ohne Pfad, ohne Platzhalter).",
    en: "\u201c{origin}\u201d is not a valid origin: https://domain.example (no path, no wildcard).",
  },
  MALFORMED_THEME: {
    de: "Die Gestaltungsvariable „{name}“ ist ungültig: Namen beginnen mit --tv-, Werte ohne ; { } < > oder url().",
    en: "The theme variable \u201c{name}\u201d is invalid: names start with --tv-, values without ; { } < > or url().",
  },
  MALFORMED_COLOR: {
    de: "Bitte geben Sie die Farbe als Hex-Wert #rrggbb an (z. B. #0b57a4).",
    en: "Please give the colour as a hex value #rrggbb (e.g. #0b57a4).",
  },
  UNKNOWN_FONT: { de: "Bitte wählen Sie eine der angebotenen Schriftarten.", en: "Please choose one of the fonts offered." },
  LOW_CONTRAST_TEXT_ON_PRIMARY: {
    de: "Zu wenig Kontrast: Schrift auf der Hauptfarbe ({foreground} auf {background}) erreicht nur {ratioDe}:1, nötig sind mindestens {minimumDe}:1 (WCAG 1.4.3).",
    en: "Too little contrast: text on the primary colour ({foreground} on {background}) reaches only {ratioEn}:1, at least {minimumEn}:1 is needed (WCAG 1.4.3).",
  },
  LOW_CONTRAST_TEXT_ON_BACKGROUND: {
    de: "Zu wenig Kontrast: Text auf dem Hintergrund ({foreground} auf {background}) erreicht nur {ratioDe}:1, nötig sind mindestens {minimumDe}:1 (WCAG 1.4.3).",
    en: "Too little contrast: text on the background ({foreground} on {background}) reaches only {ratioEn}:1, at least {minimumEn}:1 is needed (WCAG 1.4.3).",
  },
  MALFORMED_SETTING: { de: "Dieser Wert ist für die Einstellung nicht zulässig.", en: "This value is not allowed for the setting." },
  COUNTER_HAS_FUTURE_BOOKINGS: {
    de: "Dieser Schalter hat noch {count, plural, one {# gebuchten Termin} other {# gebuchte Termine}} in der Zukunft. Bitte sagen Sie {count, plural, one {ihn} other {sie}} zuerst ab (Massenabsage für diesen Schalter) oder verlegen Sie {count, plural, one {ihn} other {sie}}; dann kann der Schalter deaktiviert werden.",
    en: "This counter still has {count, plural, one {# booked appointment} other {# booked appointments}} ahead. Please cancel {count, plural, one {it} other {them}} first (mass cancellation for this counter) or move {count, plural, one {it} other {them}}; then the counter can be deactivated.",
  },
  CONFIG_IN_USE: {
    de: "Darauf verweisen noch Buchungen oder Vergabeverfahren. Bitte deaktivieren statt löschen.",
    en: "Bookings or allocations still refer to it. Please deactivate it instead of deleting it.",
  },
  POLICY_CUTOFF_EXCEEDS_LEAD_TIME: {
    de: "Die Frist für Absagen und Änderungen darf nicht länger sein als die Vorlaufzeit ({lead, plural, one {# Minute} other {# Minuten}}), sonst könnten Termine nie mehr geändert werden.",
    en: "The cut-off for cancelling and changing must not exceed the lead time ({lead, plural, one {# minute} other {# minutes}}), or bookings could never be changed.",
  },
  POLICY_VERIFICATION_AFTER_APPOINTMENT: {
    de: "Die Frist für die Bestätigung der E-Mail-Adresse darf nicht länger sein als die Vorlaufzeit ({lead, plural, one {# Minute} other {# Minuten}}), sonst endet sie erst nach dem Termin.",
    en: "The window for confirming the e-mail address must not exceed the lead time ({lead, plural, one {# minute} other {# minutes}}), or it would end after the appointment.",
  },
  POLICY_HORIZON_WITHIN_LEAD_TIME: {
    de: "Der Buchungszeitraum muss über die Vorlaufzeit ({lead, plural, one {# Minute} other {# Minuten}}) hinausreichen.",
    en: "The booking horizon must reach beyond the lead time ({lead, plural, one {# minute} other {# minutes}}).",
  },
  STAFF_EMAIL_TAKEN: {
    de: "Für diese E-Mail-Adresse gibt es in dieser Behörde bereits ein Mitarbeiterkonto.",
    en: "This agency already has a staff account with this e-mail address.",
  },
  INVITATION_LINK_INVALID: {
    de: "Dieser Einladungslink ist ungültig, abgelaufen oder wurde schon verwendet. Bitte lassen Sie sich neu einladen.",
    en: "This invitation link is invalid, has expired or was used already. Please ask for a new invitation.",
  },
  // Lottery campaigns (issue 14)
  CAMPAIGN_NOT_OPEN: {
    de: "Für dieses Vergabeverfahren können derzeit keine Anfragen gestellt werden.",
    en: "This allocation is not taking requests at the moment.",
  },
  APPLICATION_WINDOW_CLOSED: {
    de: "Die Bewerbungsfrist ist abgelaufen; Anfragen können nicht mehr geändert werden.",
    en: "The application window has closed; requests can no longer be changed.",
  },
  ALREADY_APPLIED: {
    de: "Sie haben für dieses Vergabeverfahren bereits eine Anfrage gestellt.",
    en: "You have already filed a request in this allocation.",
  },
  OFFER_EXPIRED: {
    de: "Die Frist für diesen Terminvorschlag ist abgelaufen.",
    en: "The deadline for this offered appointment has passed.",
  },
  APPLICATION_STATE: {
    de: "Das ist in diesem Stand Ihrer Anfrage nicht möglich.",
    en: "This is not possible in the current state of your request.",
  },
  APPOINTMENT_STARTED: { de: "Der Termin hat bereits begonnen.", en: "The appointment has already begun." },
  CUSTOMER_REQUIRED: {
    de: "Bitte melden Sie sich mit Ihrem Kundenkonto an.",
    en: "Please sign in with your customer account.",
  },
  INVALID_PREFERENCES: {
    de: "Die Terminwünsche sind ungültig (Standort, Wochentag 1–7 oder Tageszeit).",
    en: "The preferences are invalid (office, weekday 1–7 or time of day).",
  },
  EMAIL_TAKEN: {
    de: "Für diese E-Mail-Adresse gibt es bereits ein Kundenkonto.",
    en: "A customer account with this e-mail address exists already.",
  },
  MEMBERSHIP_NUMBER_REQUIRED: { de: "Bitte geben Sie Ihre Mitgliedsnummer an.", en: "Please enter your membership number." },
  MEMBERSHIP_NUMBER_INVALID: {
    de: "Die Mitgliedsnummer darf nur Buchstaben, Ziffern, Leerzeichen, Punkt, Binde- und Schrägstrich enthalten (höchstens 32 Zeichen).",
    en: "The membership number may contain only letters, digits, spaces, dots, hyphens and slashes (at most 32 characters).",
  },
  PASSWORD_TOO_SHORT: { de: "Das Passwort muss mindestens {min} Zeichen haben.", en: "The password must have at least {min, plural, one {# character} other {# characters}}." },
  EMAIL_NOT_VERIFIED: {
    de: "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link in unserer Nachricht.",
    en: "Please confirm your e-mail address first with the link in our message.",
  },
  VERIFICATION_LINK_INVALID: {
    de: "Dieser Bestätigungslink ist ungültig oder abgelaufen.",
    en: "This confirmation link is invalid or has expired.",
  },
  // Customer accounts and staff campaigns (issue 14, part 2)
  RESET_LINK_INVALID: {
    de: "Dieser Link zum Zurücksetzen des Passworts ist ungültig, schon benutzt oder abgelaufen.",
    en: "This password reset link is invalid, used already or has expired.",
  },
  EMAIL_CHANGE_LINK_INVALID: {
    de: "Dieser Link zur Änderung der E-Mail-Adresse ist ungültig, schon benutzt oder abgelaufen.",
    en: "This e-mail change link is invalid, used already or has expired.",
  },
  TOO_MANY_IDS: { de: "Höchstens {max, plural, one {# Eintrag} other {# Einträge}} auf einmal.", en: "At most {max, plural, one {# entry} other {# entries}} at once." },
  EMAIL_UNCHANGED: { de: "Das ist bereits Ihre E-Mail-Adresse.", en: "This is your e-mail address already." },
  DRAW_PENDING: {
    de: "Die Auslosung eines Vergabeverfahrens mit Ihrer Anfrage steht unmittelbar bevor. Bitte versuchen Sie es nach der Auslosung erneut.",
    en: "A draw with your request is about to take place. Please try again after the draw.",
  },
  CAMPAIGN_STATE: {
    de: "Das ist im jetzigen Stand des Vergabeverfahrens nicht möglich.",
    en: "This is not possible in the allocation's current state.",
  },
  BEACON_MISSING: {
    de: "Der angekündigte öffentliche Zufallswert fehlt noch; ohne ihn wird nicht ausgelost.",
    en: "The announced public random value is still missing; there is no draw without it.",
  },
  NO_BEACON_ANNOUNCED: { de: "Für dieses Vergabeverfahren wurde kein öffentlicher Zufallswert angekündigt.", en: "No public random value was announced for this allocation." },
  BEACON_ENTERED: { de: "Der öffentliche Zufallswert ist bereits eingetragen.", en: "The public random value has been entered already." },
  INVALID_BEACON: { de: "Der Zufallswert muss 1–200 druckbare Zeichen ohne Zeilenumbruch haben.", en: "The random value must have 1–200 printable characters without line breaks." },
  DEMO_ONLY: { de: "Das gibt es nur in der Demo.", en: "This exists only in the demo." },
  CAMPAIGN_SLUG_INVALID: {
    de: "Die Kurzbezeichnung darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten (2–60 Zeichen).",
    en: "The short name may only contain lowercase letters, digits and hyphens (2–60 characters).",
  },
  CAMPAIGN_SLUG_TAKEN: { de: "Es gibt bereits ein Vergabeverfahren mit dieser Kurzbezeichnung.", en: "An allocation with this short name exists already." },
  CAMPAIGN_NAME_REQUIRED: { de: "Bitte geben Sie einen Namen an (höchstens 200 Zeichen).", en: "Please enter a name (at most 200 characters)." },
  CAMPAIGN_WINDOW_ORDER: { de: "Die Bewerbungsfrist muss beginnen, bevor sie endet.", en: "The application window must open before it closes." },
  CAMPAIGN_DRAW_BEFORE_CLOSE: { de: "Die Auslosung darf nicht vor dem Ende der Bewerbungsfrist liegen.", en: "The draw must not be before the application window closes." },
  CAMPAIGN_NOTIFY_BEFORE_DRAW: { de: "Die Benachrichtigung darf nicht vor der Auslosung liegen.", en: "The notify-by date must not be before the draw." },
  CAMPAIGN_PERIOD_INVALID: { de: "Der Terminzeitraum ist ungültig.", en: "The appointment period is invalid." },
  CAMPAIGN_PERIOD_BEFORE_DRAW: { de: "Der Terminzeitraum muss nach dem Tag der Auslosung beginnen.", en: "The appointment period must begin after the day of the draw." },
  CAMPAIGN_PERIOD_TOO_LONG: { de: "Der Terminzeitraum darf höchstens {maxDays, plural, one {# Tag} other {# Tage}} lang sein.", en: "The appointment period may be at most {maxDays, plural, one {# day} other {# days}} long." },
  CAMPAIGN_CONFIRMATION_DAYS: { de: "Die Bestätigungsfrist muss 1 bis {max, plural, one {# Tag} other {# Tage}} betragen.", en: "The confirmation window must be 1 to {max, plural, one {# day} other {# days}}." },
  CAMPAIGN_MOVE_UP_DAYS: {
    de: "Die Frist für Nachrücker muss mindestens einen Tag und höchstens so lang wie die Bestätigungsfrist sein.",
    en: "The move-up offer window must be at least one day and at most the confirmation window.",
  },
  CAMPAIGN_BEACON_TOO_LONG: { de: "Die Ankündigung des Zufallswerts ist zu lang (höchstens {max} Zeichen).", en: "The beacon announcement is too long (at most {max, plural, one {# character} other {# characters}})." },
  CAMPAIGN_POOL_EMPTY: {
    de: "Die Öffnungszeiten ergeben in diesem Zeitraum keinen Termin für dieses Anliegen.",
    en: "The opening hours give no appointment for this concern in this period.",
  },
  CAMPAIGN_POOL_TOO_LARGE: { de: "Der Zeitraum ergibt mehr als {maxSlots, plural, one {# Termin} other {# Termine}}.", en: "The period gives more than {maxSlots, plural, one {# appointment} other {# appointments}}." },
  CAMPAIGN_OFFICE_CONFIGURATION: { de: "Die Öffnungszeiten des Standorts sind fehlerhaft.", en: "The office's opening hours are misconfigured." },
  INTERNAL: {
    de: "Ein unerwarteter Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
    en: "An unexpected error occurred. Please try again later.",
  },
} as const satisfies Record<string, { de: string; en: string }>;

export type MessageKey = keyof typeof messages;

const pluralRules = { de: new Intl.PluralRules("de"), en: new Intl.PluralRules("en") } satisfies Record<Locale, Intl.PluralRules>;

/**
 * The message for `key` in `locale`, with `{name}` placeholders filled from `params`. A
 * counted noun is written `{name, plural, one {# Termin} other {# Termine}}` (ICU syntax,
 * `#` the number) and chosen by `Intl.PluralRules` for the locale.
 */
export function t(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  const template: string = messages[key][locale];
  return template
    .replace(/\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g, (match, name: string, one: string, other: string) => {
      const n = Number(params[name]);
      if (!(name in params) || !Number.isFinite(n)) return match;
      return (pluralRules[locale].select(n) === "one" ? one : other).replaceAll("#", String(params[name]));
    })
    .replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Picks "de" or "en" from an Accept-Language header; German is the default. */
export function localeFromHeader(header: string | null | undefined): Locale {
  if (!header) return "de";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.lang === "de" || entry.lang === "en")
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? "de";
}
