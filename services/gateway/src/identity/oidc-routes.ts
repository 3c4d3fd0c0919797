import type { Plugin } from "graphql-yoga";
import type { AppServices } from "../app-services.ts";
import { html, htmlResponse } from "../http/html.ts";
import { t } from "../i18n/messages.ts";
import { OIDC_FLOW_MS, SsoRefused } from "./oidc.ts";
import { readCookie, sessionCookie } from "./session-cookie.ts";

/**
 * Binds a sign-in flow to the browser that started it. SameSite=Lax, not Strict: the
 * callback is a top-level navigation coming from the provider's site, on which a Strict
 * cookie would not be sent. It carries only the state, which is useless without the
 * server-side secrets (nonce, PKCE verifier) and is single use.
 */
const FLOW_COOKIE = "__Host-tv_oidc";
const flowCookie = (state: string) => `${FLOW_COOKIE}=${state}; Path=/; Max-Age=${OIDC_FLOW_MS / 1000}; HttpOnly; Secure; SameSite=Lax`;
const clearedFlowCookie = () => `${FLOW_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;

function page(title: { de: string; en: string }, text: { de: string; en: string }, status: number, extraHead = html``) {
  return htmlResponse(
    html`<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${extraHead}
<title>${title.de}</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 0 auto; padding: 1rem; }</style>
</head>
<body>
<main>
<h1>${title.de} <span lang="en">/ ${title.en}</span></h1>
<p>${text.de}</p>
<p lang="en">${text.en}</p>
</main>
</body>
</html>`,
    status,
  );
}

const noStore = (response: Response) => {
  response.headers.set("cache-control", "no-store");
  response.headers.set("referrer-policy", "no-referrer");
  return response;
};

/**
 * GET /auth/<tenant>/oidc/start and /auth/<tenant>/oidc/callback: staff single sign-on
 * through the agency's OpenID provider (see identity/oidc.ts).
 */
export function useOidcRoutes(services: AppServices): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== "GET") return;
      const match = /^\/auth\/([a-z0-9-]{1,64})\/oidc\/(start|callback)$/.exec(url.pathname);
      if (!match) return;
      const tenant = await services.tenants.bySlug(match[1]!);
      if (!tenant) {
        return endResponse(noStore(page({ de: "Nicht gefunden", en: "Not found" }, { de: t("UNKNOWN_TENANT", "de"), en: t("UNKNOWN_TENANT", "en") }, 404)));
      }
      const oidc = services.identity.oidc;
      try {
        if (match[2] === "start") {
          const { url: target, state } = await oidc.start(tenant);
          const response = new Response(null, { status: 302, headers: { location: target.toString() } });
          response.headers.append("set-cookie", flowCookie(state));
          return endResponse(noStore(response));
        }
        // The provider redirected to our public URL; rebuild it from PUBLIC_URL, not from Host.
        const callbackUrl = new URL(oidc.redirectUri(tenant));
        callbackUrl.search = url.search;
        const signIn = await oidc.callback(tenant, callbackUrl, readCookie(request.headers.get("cookie"), FLOW_COOKIE));
        const desk = `/desk/${tenant.slug}`;
        // A page of our own origin moves on to the desk: the navigation then starts on our
        // site, so the browser sends the new SameSite=Strict session cookie along (a
        // redirect chain that began at the provider would count as cross-site).
        const response = page(
          { de: "Angemeldet", en: "Signed in" },
          { de: `Willkommen, ${signIn.viewer.user.name}. Weiter zum Arbeitsplatz …`, en: `Welcome, ${signIn.viewer.user.name}. On to the desk …` },
          200,
          html`<meta http-equiv="refresh" content="0; url=${desk}">`,
        );
        response.headers.append("set-cookie", sessionCookie(signIn.session.token, signIn.session.expiresAt));
        response.headers.append("set-cookie", clearedFlowCookie());
        return endResponse(noStore(response));
      } catch (error) {
        if (!(error instanceof SsoRefused)) {
          services.logger.error("auth.sso_error", { tenant: tenant.slug, message: (error as Error).message });
          return endResponse(noStore(page({ de: "Fehler", en: "Error" }, { de: t("INTERNAL", "de"), en: t("INTERNAL", "en") }, 500)));
        }
        services.logger.info("auth.sso_refused", { tenant: tenant.slug, code: error.code, detail: error.detail });
        const status = error.code === "SSO_NOT_CONFIGURED" ? 404 : 403;
        const response = page({ de: "Anmeldung nicht möglich", en: "Sign-in not possible" }, { de: t(error.code, "de"), en: t(error.code, "en") }, status);
        response.headers.append("set-cookie", clearedFlowCookie());
        return endResponse(noStore(response));
      }
    },
  };
}
