import { roleFromClaim, type StaffRole, type Tenant } from "@terminvergabe/core";
import { digestsEqual, hashToken, type IdentityRepository, type SsoConfig, type StaffAccount } from "@terminvergabe/db";
import * as client from "openid-client";
import type { MessageKey } from "../i18n/messages.ts";
import type { Logger } from "../logger.ts";
import type { StaffSignIn } from "./staff-sign-in.ts";

/** Starts the session once the provider has vouched for the user (IdentityService). */
export interface StaffSessionStarter {
  startStaffSession(user: StaffAccount, method: "oidc"): Promise<StaffSignIn>;
}

/** How long a sign-in at the provider may take between start and callback. */
export const OIDC_FLOW_MS = 10 * 60_000;
/** Provider metadata (discovery) is cached this long per tenant configuration. */
const DISCOVERY_TTL_MS = 10 * 60_000;

/** A refused single sign-on; `code` is shown to the user (German first). */
export class SsoRefused extends Error {
  constructor(
    readonly code: Extract<MessageKey, "SSO_NOT_CONFIGURED" | "SSO_FAILED" | "SSO_NO_ROLE">,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "SsoRefused";
  }
}

export interface OidcStart {
  /** Where to send the browser (the provider's authorization endpoint). */
  url: URL;
  /** The flow's state; the route binds it to the browser in a short-lived cookie. */
  state: string;
}

/** Plain-HTTP issuers are accepted only on the loopback interface (tests, a local Keycloak). */
function isLoopback(issuer: URL): boolean {
  return issuer.hostname === "localhost" || issuer.hostname === "127.0.0.1" || issuer.hostname === "[::1]";
}

/**
 * Single sign-on for staff through the tenant's OpenID provider: authorization-code flow
 * with PKCE (S256), state and nonce. The flow's secrets are kept server-side (single use,
 * ten minutes); the state is also bound to the browser by a cookie, so a callback cannot
 * be replayed in another browser (login CSRF). The user is matched by the provider's
 * subject, then by e-mail address, or created when the tenant allows it; the role comes
 * from the tenant's claim mapping on every sign-in, and a user whose claims map to no role
 * is refused.
 */
export class OidcService {
  private readonly discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

  constructor(
    private readonly repository: IdentityRepository,
    private readonly identity: StaffSessionStarter,
    private readonly publicUrl: string,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  redirectUri(tenant: Tenant): string {
    return `${this.publicUrl}/auth/${encodeURIComponent(tenant.slug)}/oidc/callback`;
  }

  /** The provider's name for "Anmelden mit …" (its issuer's host), or null without single sign-on. */
  async providerName(tenant: Tenant): Promise<string | null> {
    const sso = await this.repository.ssoConfig(tenant.id);
    if (!sso?.enabled) return null;
    try {
      return new URL(sso.issuer).host;
    } catch {
      return sso.issuer.slice(0, 100);
    }
  }

  async start(tenant: Tenant): Promise<OidcStart> {
    const sso = await this.sso(tenant);
    const config = await this.configuration(sso);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await this.repository.saveOidcLoginState({
      stateHash: hashToken(state),
      tenantId: tenant.id,
      nonce,
      codeVerifier,
      expiresAt: new Date(this.clock().getTime() + OIDC_FLOW_MS),
    });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(tenant),
      scope: ["openid", ...sso.scopes.split(/\s+/).filter((s) => s && s !== "openid")].join(" "),
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
    });
    return { url, state };
  }

  /**
   * Completes the flow from the provider's redirect (`callbackUrl`, with code and state)
   * and the state cookie of the browser; starts a staff session.
   */
  async callback(tenant: Tenant, callbackUrl: URL, cookieState: string | null): Promise<StaffSignIn> {
    const sso = await this.sso(tenant);
    const state = callbackUrl.searchParams.get("state");
    if (!state || !cookieState || !digestsEqual(hashToken(state), hashToken(cookieState))) {
      throw new SsoRefused("SSO_FAILED", "state missing or not this browser's");
    }
    const flow = await this.repository.takeOidcLoginState(hashToken(state), this.clock());
    if (!flow || flow.tenantId !== tenant.id) throw new SsoRefused("SSO_FAILED", "unknown, used or expired state");
    if (callbackUrl.searchParams.has("error")) {
      throw new SsoRefused("SSO_FAILED", `provider answered ${callbackUrl.searchParams.get("error")}`);
    }
    const config = await this.configuration(sso);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedNonce: flow.nonce,
        expectedState: state,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      claims = { ...idClaims };
      // Providers that keep scope claims out of the ID token serve them at the userinfo endpoint.
      if (claims[sso.roleClaim] === undefined || claims.email === undefined) {
        const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...userinfo, ...idClaims };
      }
    } catch (error) {
      throw new SsoRefused("SSO_FAILED", `code exchange failed: ${(error as Error).message}`);
    }
    const user = await this.staffFor(tenant, sso, claims);
    return this.identity.startStaffSession(user, "oidc");
  }

  private async staffFor(tenant: Tenant, sso: SsoConfig, claims: Record<string, unknown>): Promise<StaffAccount> {
    const subject = typeof claims.sub === "string" ? claims.sub : null;
    const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
    if (!subject) throw new SsoRefused("SSO_FAILED", "no subject");
    const role: StaffRole | null = roleFromClaim(claims[sso.roleClaim], sso.roleMapping);
    if (!role) throw new SsoRefused("SSO_NO_ROLE", `claim ${sso.roleClaim} maps to no role`);
    let user = await this.repository.staffBySubject(tenant.id, subject);
    if (!user) {
      // Linking by address trusts the provider's word that the address is the user's.
      if (!email || claims.email_verified === false) throw new SsoRefused("SSO_FAILED", "no verified e-mail address");
      user = await this.repository.staffByEmail(tenant.id, email);
      if (user?.oidcSubject && user.oidcSubject !== subject) throw new SsoRefused("SSO_FAILED", "address linked to another subject");
      if (!user) {
        if (!sso.provisionUsers) throw new SsoRefused("SSO_NO_ROLE", "unknown user and provisioning is off");
        const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : email;
        user = await this.repository.createSsoStaff({ tenantId: tenant.id, email, name, role, oidcSubject: subject });
        this.logger.info("auth.sso_provisioned", { tenantId: tenant.id, userId: user.id, role });
      }
    }
    if (!user.active) throw new SsoRefused("SSO_NO_ROLE", "user is deactivated");
    if (user.oidcSubject !== subject || user.role !== role) user = await this.repository.linkStaffSubject(tenant.id, user.id, subject, role);
    return user;
  }

  private async sso(tenant: Tenant): Promise<SsoConfig> {
    const sso = await this.repository.ssoConfig(tenant.id);
    if (!sso || !sso.enabled) throw new SsoRefused("SSO_NOT_CONFIGURED", `no single sign-on for ${tenant.slug}`);
    return sso;
  }

  private configuration(sso: SsoConfig): Promise<client.Configuration> {
    const key = JSON.stringify([sso.tenantId, sso.issuer, sso.clientId, sso.clientSecret]);
    const cached = this.discovered.get(key);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const issuer = new URL(sso.issuer);
    const config = client
      .discovery(issuer, sso.clientId, undefined, client.ClientSecretBasic(sso.clientSecret), {
        execute: issuer.protocol === "http:" && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: Error) => {
        this.discovered.delete(key);
        throw new SsoRefused("SSO_FAILED", `discovery of ${sso.issuer} failed: ${error.message}`);
      });
    this.discovered.set(key, { at: Date.now(), config });
    return config;
  }
}
