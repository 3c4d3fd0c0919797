import { type Contact, EMAIL_PATTERN, type ContactError, NAME_MAX_LENGTH, normalizeEmail, normalizePhone } from "../booking/contact.ts";
import { normalizeReference } from "../booking/reference.ts";
import { err, ok, type Result } from "../shared/result.ts";

/** Contact data a clerk takes on the phone: a name and at least one way to reach the person. */
export interface StaffContactInput {
  name: string;
  email?: string | null;
  phone?: string | null;
}

/** A booking made by staff may have no e-mail address (no mail then; the clerk reads the reference out). */
export type StaffContact = Omit<Contact, "email" | "emailNormalized"> & { email: string | null; emailNormalized: string | null };

/**
 * Validates a caller's contact data for a booking on behalf: the name, and an e-mail
 * address or a phone number (either alone is enough). All errors at once.
 */
export function validateStaffContact(input: StaffContactInput): Result<StaffContact, ContactError[]> {
  const errors: ContactError[] = [];
  const name = input.name.trim().replace(/\s+/g, " ");
  if (name.length === 0) errors.push({ field: "name", code: "NAME_REQUIRED" });
  else if (name.length > NAME_MAX_LENGTH) errors.push({ field: "name", code: "NAME_TOO_LONG" });
  const email = input.email?.trim() ?? "";
  if (email && (email.length > 254 || !EMAIL_PATTERN.test(email))) errors.push({ field: "email", code: "EMAIL_INVALID" });
  const phone = input.phone?.trim() ?? "";
  const phoneNormalized = phone ? normalizePhone(phone) : null;
  if (phone && !phoneNormalized) errors.push({ field: "phone", code: "PHONE_INVALID" });
  if (!email && !phone) errors.push({ field: "phone", code: "PHONE_REQUIRED" });
  if (errors.length) return err(errors);
  return ok({
    name,
    email: email || null,
    emailNormalized: email ? normalizeEmail(email) : null,
    phone: phone || null,
    phoneNormalized,
  });
}

/** How the desk's search box is read: a reference, an e-mail address, a phone number or a name. */
export type BookingSearch =
  | { readonly kind: "REFERENCE"; readonly reference: string }
  | { readonly kind: "EMAIL"; readonly emailNormalized: string }
  | { readonly kind: "PHONE"; readonly phoneNormalized: string }
  | { readonly kind: "NAME"; readonly prefix: string };

export type BookingSearchError = { readonly type: "QUERY_TOO_SHORT"; readonly min: number } | { readonly type: "QUERY_TOO_LONG"; readonly max: number };

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

/**
 * Classifies a search text. Each kind is answered by one index: references and contact
 * keys are exact, names match by prefix of the lower-cased name (so "mül" finds "Müller").
 */
export function parseBookingSearch(text: string): Result<BookingSearch, BookingSearchError> {
  const query = text.trim().replace(/\s+/g, " ");
  if (query.length < SEARCH_MIN_LENGTH) return err({ type: "QUERY_TOO_SHORT", min: SEARCH_MIN_LENGTH });
  if (query.length > SEARCH_MAX_LENGTH) return err({ type: "QUERY_TOO_LONG", max: SEARCH_MAX_LENGTH });
  if (query.includes("@")) return ok({ kind: "EMAIL", emailNormalized: normalizeEmail(query) });
  const reference = normalizeReference(query);
  if (reference) return ok({ kind: "REFERENCE", reference });
  if (/^[+\d][\d\s()/.-]*$/.test(query)) {
    const phone = normalizePhone(query);
    if (phone) return ok({ kind: "PHONE", phoneNormalized: phone });
  }
  return ok({ kind: "NAME", prefix: query.toLowerCase() });
}
