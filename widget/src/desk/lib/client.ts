import type { AnyVariables, CombinedError } from "@urql/core";
import { type Api, createApi, live, request } from "../../lib/api.ts";
import type { TypedDocument } from "../../lib/typed-document.ts";

/** The codes with which the gateway refuses a request whose session has ended. */
const SIGNED_OUT = new Set(["NOT_ALLOWED", "UNAUTHENTICATED"]);

export function signedOut(error: unknown): boolean {
  const graphQLErrors = (error as Partial<CombinedError>)?.graphQLErrors ?? [];
  return graphQLErrors.some((e) => SIGNED_OUT.has(String(e.extensions?.code ?? "")));
}

/**
 * The desk's connection: the widget's urql client on the same origin (session cookie),
 * plus graceful session expiry — a request refused because the session ended waits for
 * the clerk to sign in again (`onSignedOut` shows the sign-in over the unchanged view) and
 * is then sent once more, so the work in progress is not lost.
 */
export class DeskClient {
  private readonly api: Api;
  private reauth: Promise<void> | undefined;
  private resolveReauth: (() => void) | undefined;

  constructor(
    endpoint: string,
    private readonly locale: () => string,
    private readonly onSignedOut: () => void,
  ) {
    this.api = createApi(endpoint, locale);
  }

  /**
   * Texts (concern names, documents) in the desk's language: every operation may declare
   * `$locale`; undeclared variables are ignored. A live connection has no Accept-Language
   * of the desk's own, so the variable, not the header, decides.
   */
  private withLocale(variables: AnyVariables): AnyVariables {
    return { locale: this.locale(), ...(variables as object) };
  }

  /** Called by the sign-in once the clerk is signed in again. */
  signedIn(): void {
    this.resolveReauth?.();
    this.reauth = undefined;
    this.resolveReauth = undefined;
  }

  /** Waits until the clerk signed in again (shows the sign-in once for all waiting requests). */
  private waitForSignIn(): Promise<void> {
    if (!this.reauth) {
      this.reauth = new Promise((resolve) => (this.resolveReauth = resolve));
      this.onSignedOut();
    }
    return this.reauth;
  }

  async query<T>(document: TypedDocument<T, AnyVariables>, variables: AnyVariables = {}, mutation = false): Promise<T> {
    try {
      return await request<T>(this.api.client, document, this.withLocale(variables), { mutation });
    } catch (error) {
      if (!signedOut(error)) throw error;
      await this.waitForSignIn();
      return request<T>(this.api.client, document, this.withLocale(variables), { mutation });
    }
  }

  mutate<T>(document: TypedDocument<T, AnyVariables>, variables: AnyVariables = {}): Promise<T> {
    return this.query<T>(document, variables, true);
  }

  /** Live results; returns the unsubscribe function. */
  subscribe<T>(document: TypedDocument<T, AnyVariables>, variables: AnyVariables, next: (data: T) => void): () => void {
    return live<T>(this.api.client, document, this.withLocale(variables), next);
  }

  /** Drops the live connection (after sign-out, or to reconnect with a new session). */
  reconnect(): void {
    this.api.dispose();
  }
}
