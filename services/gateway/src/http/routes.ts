import type { Plugin } from "graphql-yoga";
import type { AppServices } from "../app.ts";
import { landingPage } from "./landing-page.ts";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** Non-GraphQL HTTP routes, served by yoga so tests reach them through `yoga.fetch`. */
export function useRoutes(services: AppServices): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== "GET" && request.method !== "HEAD") return;
      switch (url.pathname) {
        case "/":
          return endResponse(await landingPage(services));
        case "/healthz":
          return endResponse(json({ status: "ok" }));
        case "/readyz":
          try {
            await services.db.ping();
            return endResponse(json({ status: "ready", database: services.db.kind }));
          } catch {
            return endResponse(json({ status: "unavailable" }, 503));
          }
      }
    },
  };
}
