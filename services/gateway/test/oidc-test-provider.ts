import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * A real OpenID provider (oidc-provider) on a loopback port for the single sign-on tests —
 * the gateway's (identity/oidc.integration.test.ts) and the desk's in Chromium
 * (widget/e2e/desk-sso.e2e.test.ts). Its development login and consent pages take any
 * password for the accounts given; the client uses PKCE and client_secret_basic.
 */
export interface TestProvider {
  issuer: string;
  server: Server;
  close(): Promise<void>;
}

export async function startTestProvider(options: {
  client: { id: string; secret: string };
  redirectUris: string[];
  /** Claims by login name, as a Keycloak would release them (sub, email, name, groups). */
  accounts: Record<string, Record<string, unknown>>;
}): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: options.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    findAccount: (_ctx, id) => {
      const claims = options.accounts[id];
      return claims ? { accountId: id, claims: () => ({ ...claims, sub: claims.sub as string }) } : undefined;
    },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: ["cookie-key-for-this-test-only"] },
    features: { devInteractions: { enabled: true } },
  });
  provider.on("server_error", (_ctx, error) => console.error("oidc-provider:", error));
  server.on("request", provider.callback());
  return { issuer, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
