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

/** Providers that deliver "j.doe", "jdoe" and "J.D.O.E" to one mailbox, by the domain they canonicalise to. */
const DOTLESS_DOMAINS: Readonly<Record<string, string>> = { "gmail.com": "gmail.com", "googlemail.com": "gmail.com" };

/**
 * The mailbox an address reaches: the identity anti-hoarding limits count by. Lower-cased
 * and trimmed; a sub-address tag ("name+tag@") dropped, as nearly every provider delivers
 * it to "name@" (a bot otherwise books with endless "+1", "+2" … variants of one address);
 * dots dropped where the provider ignores them (Gmail). A sender still mails the address
 * as given; this key only decides who is the same person.
 */
export function normalizeEmail(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replaceAll(".", "") || local;
  }
  return `${local}@${domain}`;
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
