import type { AnyVariables } from "@urql/core";
import type { TypedDocument } from "../lib/typed-document.ts";
import type { Answer, Campaign, Customer, PortalTenant } from "./portal-api.ts";

/** What the portal shows: one view at a time, each with its own heading. */
export type View =
  | { name: "home" }
  | { name: "register" }
  | { name: "registered"; email: string }
  | { name: "campaign"; slug: string }
  | { name: "transparency"; slug: string }
  | { name: "offer-link" }
  | { name: "forgot" }
  | { name: "reset" }
  | { name: "profile" }
  | { name: "notifications" };

/** The portal element as its views see it (views are render functions in their own files). */
export interface PortalHost {
  /** The agency with its campaigns, as last read. */
  readonly agency: PortalTenant;
  readonly customer: Customer | undefined;
  readonly locale: string;
  readonly busy: boolean;
  /** Problems of the last submitted form, by field name. */
  readonly fieldErrors: Record<string, string>;
  go(view: View): void;
  campaign(slug: string): Campaign | undefined;
  /**
   * Sends a mutation; an Error answer is shown (and its field marked), a success runs
   * `done`, whose text is announced, and the portal's data is read again.
   */
  send(document: TypedDocument<Record<string, Answer>, AnyVariables>, variables: Record<string, unknown>, done: (answer: Answer) => string | void): Promise<void>;
  /** Marks fields of a form as wrong before anything is sent; false when there were problems. */
  check(problems: Record<string, string>): boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Forgets the session (the account was deleted). */
  signedOut(): void;
}
