/**
 * The portal's sign-in: a bearer token (customerLogin deliverAs TOKEN) kept in the tab's
 * sessionStorage per agency — the portal runs on the agency's site, another origin than the
 * gateway, where a cookie would be third-party. It ends with the tab or on sign-out.
 */
const key = (tenant: string) => `tv-portal:${tenant}`;

export function loadToken(tenant: string): string | undefined {
  try {
    return sessionStorage.getItem(key(tenant)) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveToken(tenant: string, token?: string): void {
  try {
    if (token) sessionStorage.setItem(key(tenant), token);
    else sessionStorage.removeItem(key(tenant));
  } catch {
    // Storage refused (private mode): the session lasts as long as the page.
  }
}

/** A fetch that sends the token, for createApi (lib/api.ts). */
export const authorizedFetch =
  (token: () => string | undefined): typeof fetch =>
  (input, init) => {
    const headers = new Headers(init?.headers);
    const value = token();
    if (value) headers.set("authorization", `Bearer ${value}`);
    return fetch(input, { ...init, headers });
  };
