import type { IncomingMessage } from "node:http";
import type { Plugin } from "graphql-yoga";
import type { AppServices } from "../app-services.ts";
import type { Context } from "../context.ts";
import { clientAddress } from "../http/client-address.ts";
import { credentialOf, type RequestAuth } from "../identity/request-auth.ts";
import { clearedSessionCookie } from "../identity/session-cookie.ts";
import { ANONYMOUS, type Viewer } from "../identity/viewer.ts";

/**
 * Resolves the viewer once per request (HTTP and graphql-ws) from a bearer token or the
 * session cookie, and writes Set-Cookie headers that resolvers queued (sign-in, sign-out)
 * onto the HTTP response. Runs after the context factory (yoga adds plugins after it).
 */
export function useAuth(services: AppServices): Plugin<Context> {
  const cookieJars = new WeakMap<Request, string[]>();
  return {
    async onContextBuilding({ context, extendContext }) {
      const initial = context as Context & { request?: Request; req?: IncomingMessage; connectionParams?: Record<string, unknown> };
      const request = initial.request;
      if (!request) return;
      const publicOrigin = services.config.publicUrl;
      const credential = credentialOf({
        method: request.method,
        headers: request.headers,
        connectionParams: initial.connectionParams,
        publicOrigin,
      });
      const jar: string[] = [];
      cookieJars.set(request, jar);
      // Cookies only for the gateway's own origin (context.origin is null there and for
      // non-browser clients). Over graphql-ws nothing carries them: onResponse never runs.
      const canSetCookie = initial.origin === null;
      let viewer: Viewer = ANONYMOUS;
      let token: string | null = null;
      let via: RequestAuth["via"] = null;
      if (credential && "token" in credential) {
        viewer = await services.identity.sessions.viewer(credential.token, credential.via);
        if (viewer.kind !== "anonymous") ({ token, via } = credential);
        // A dead session cookie is removed, so the browser stops sending it.
        else if (credential.via === "cookie" && canSetCookie) jar.push(clearedSessionCookie());
      }
      const auth: RequestAuth = {
        token,
        via,
        clientAddress: clientAddress(initial.req?.socket?.remoteAddress, request.headers.get("x-forwarded-for"), services.config.trustProxy),
        canSetCookie,
        setCookie: (header) => {
          if (canSetCookie) jar.push(header);
        },
      };
      extendContext({ viewer, auth });
    },
    onResponse({ request, response }) {
      const jar = cookieJars.get(request);
      if (!jar?.length) return;
      for (const header of jar) response.headers.append("set-cookie", header);
    },
  };
}
