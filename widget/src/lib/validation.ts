import type { Contact } from "./types.ts";

export type ContactField = keyof Contact | "consent";
export type ContactProblem = "required" | "email" | "phone" | "too-long";
export type ContactProblems = Partial<Record<ContactField, ContactProblem>>;

// Deliberately loose: the server has the final word; this only catches typos early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ()/-]{6,}$/;

/** Problems of a contact form, empty when it may be submitted. */
export function validateContact(
  contact: Contact & { consent: boolean },
  options: { phoneRequired: boolean },
): ContactProblems {
  const problems: ContactProblems = {};
  const name = contact.name.trim();
  if (!name) problems.name = "required";
  else if (name.length > 200) problems.name = "too-long";
  const email = contact.email.trim();
  if (!email) problems.email = "required";
  else if (!EMAIL.test(email) || email.length > 254) problems.email = "email";
  const phone = contact.phone.trim();
  if (!phone) {
    if (options.phoneRequired) problems.phone = "required";
  } else if (!PHONE.test(phone) || phone.replace(/\D/g, "").length < 6) problems.phone = "phone";
  if (!contact.consent) problems.consent = "required";
  return problems;
}
