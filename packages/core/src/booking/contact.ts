import { err, ok, type Result } from "../shared/result.ts";

/** Contact data a citizen gives in step 3. */
export interface ContactInput {
  name: string;
  email: string;
  phone?: string | null;
}

export interface Contact {
  name: string;
  email: string;
  emailNormalized: string;
  phone: string | null;
  phoneNormalized: string | null;
}

export type ContactErrorCode =
  | "NAME_REQUIRED"
  | "NAME_TOO_LONG"
  | "EMAIL_INVALID"
  | "PHONE_REQUIRED"
  | "PHONE_INVALID"
  | "CONSENT_REQUIRED";

export interface ContactError {
  field: "name" | "email" | "phone" | "consent";
  code: ContactErrorCode;
}

export const NAME_MAX_LENGTH = 100;
export const EMAIL_PATTERN = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[a-z]{2,}$/i;

/** Lower-cased, trimmed address: the identity anti-hoarding limits count by. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Phone number as digits with a leading "+" and country code; German national numbers
 * ("030 1234567") become "+49…". Null when it cannot be a phone number.
 */
export function normalizePhone(phone: string): string | null {
  const trimmed = phone.trim();
  if (!/^[+\d][\d\s()/.-]*$/.test(trimmed)) return null;
  let digits = trimmed.replace(/[^\d+]/g, "");
  if (digits.startsWith("00")) digits = `+${digits.slice(2)}`;
  else if (digits.startsWith("0")) digits = `+49${digits.slice(1)}`;
  else if (!digits.startsWith("+")) return null;
  const count = digits.length - 1;
  return count >= 6 && count <= 15 && !digits.slice(1).includes("+") ? digits : null;
}

/** Validates and normalises contact data; all errors at once, for inline messages. */
export function validateContact(
  input: ContactInput,
  options: { phoneRequired: boolean },
): Result<Contact, ContactError[]> {
  const errors: ContactError[] = [];
  const name = input.name.trim().replace(/\s+/g, " ");
  if (name.length === 0) errors.push({ field: "name", code: "NAME_REQUIRED" });
  else if (name.length > NAME_MAX_LENGTH) errors.push({ field: "name", code: "NAME_TOO_LONG" });
  const email = input.email.trim();
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) errors.push({ field: "email", code: "EMAIL_INVALID" });
  const rawPhone = input.phone?.trim() ?? "";
  let phoneNormalized: string | null = null;
  if (rawPhone.length === 0) {
    if (options.phoneRequired) errors.push({ field: "phone", code: "PHONE_REQUIRED" });
  } else {
    phoneNormalized = normalizePhone(rawPhone);
    if (!phoneNormalized) errors.push({ field: "phone", code: "PHONE_INVALID" });
  }
  if (errors.length) return err(errors);
  return ok({ name, email, emailNormalized: normalizeEmail(email), phone: rawPhone || null, phoneNormalized });
}

/**
 * What confirming a hold asks of the citizen: consent to the privacy notice (reported
 * first, it is the first thing the form asks) and valid contact data.
 */
export function validateConfirmationInput(
  input: { consent: boolean; contact: ContactInput },
  options: { phoneRequired: boolean },
): Result<Contact, ContactError[]> {
  const contact = validateContact(input.contact, options);
  if (input.consent) return contact;
  const consent: ContactError = { field: "consent", code: "CONSENT_REQUIRED" };
  return err([consent, ...(contact.ok ? [] : contact.error)]);
}
