import type { Locale } from "@terminvergabe/core";
import type { OutboxInsert } from "@terminvergabe/db";

/** The invitation of a new staff member: a link to set their password, valid for `hours`. */
export function renderStaffInvitationMail(input: {
  to: { email: string; name: string };
  locale: Locale;
  agency: string;
  invitedBy: string;
  role: "ADMIN" | "CLERK";
  link: string;
  hours: number;
}): OutboxInsert {
  const de = input.locale === "de";
  const role = de ? (input.role === "ADMIN" ? "Administration" : "Sachbearbeitung") : input.role === "ADMIN" ? "administrator" : "clerk";
  const subject = de ? `Einladung zur Terminvergabe – ${input.agency}` : `Invitation to the appointment system – ${input.agency}`;
  const body = de
    ? `Guten Tag ${input.to.name},\n\n${input.invitedBy} hat Sie als ${role} zur Terminvergabe der Behörde „${input.agency}“ eingeladen.\n\nBitte legen Sie über diesen Link Ihr Passwort fest (${input.hours} Stunden gültig, nur einmal verwendbar):\n\n${input.link}\n\nDanach melden Sie sich mit dieser E-Mail-Adresse an. Wenn Sie keine Einladung erwartet haben, ignorieren Sie diese Nachricht.\n\nMit freundlichen Grüßen\nIhre Terminvergabe\n`
    : `Dear ${input.to.name},\n\n${input.invitedBy} has invited you as ${role} to the appointment system of "${input.agency}".\n\nPlease set your password with this link (valid for ${input.hours} hours, single use):\n\n${input.link}\n\nThen sign in with this e-mail address. If you did not expect an invitation, ignore this message.\n\nKind regards\nYour appointment service\n`;
  return { kind: "staff-invitation", toAddress: input.to.email, subject, textBody: body, htmlBody: null, icsMethod: null, icsContent: null };
}
