import type { StaffAccount } from "@terminvergabe/db";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { InputError } from "../errors/domain-errors.ts";
import { InvalidCredentials, LoginThrottled } from "../identity/identity-errors.ts";
import type { StaffViewer } from "../identity/staff-sign-in.ts";
import { clearedSessionCookie, sessionCookie } from "../identity/session-cookie.ts";
import { ANONYMOUS, type Viewer } from "../identity/viewer.ts";
import { ErrorInterface, plainErrorType } from "./errors.ts";
import { publicApi } from "./public.ts";
import { TenantRef } from "./tenant.ts";

type CustomerViewer = Extract<Viewer, { kind: "customer" }>;

export const StaffRoleEnum = builder.enumType("StaffRole", {
  description: "A staff member's role in one agency; an ADMIN also holds CLERK.",
  values: { ADMIN: { description: "Configuration, staff, campaigns, audit." }, CLERK: { description: "Day list, phone bookings, check-in." } },
});

const ViewerKindEnum = builder.enumType("ViewerKind", { values: ["ANONYMOUS", "CUSTOMER", "STAFF"] as const });

const SessionDeliveryEnum = builder.enumType("SessionDelivery", {
  description: "How a new session reaches the client.",
  values: {
    COOKIE: { description: "An HttpOnly cookie on the gateway's own origin (desk, portal pages)." },
    TOKEN: { description: "In the response as `token`, for `Authorization: Bearer` (API clients)." },
  },
});

/** A staff member of the viewer's own agency; another agency's staff never reach a client. */
export const StaffUserRef = builder.objectRef<StaffAccount>("StaffUser").implement({
  description: "A staff member (Mitarbeiterin/Mitarbeiter) of an agency.",
  authScopes: (user) => ({ staffOf: user.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    email: t.exposeString("email"),
    name: t.exposeString("name"),
    role: t.field({ type: StaffRoleEnum, resolve: (user) => user.role }),
    singleSignOn: t.boolean({ description: "Linked to the agency's OpenID provider.", resolve: (user) => user.oidcSubject !== null }),
    active: t.exposeBoolean("active", { description: "False: deactivated, cannot sign in." }),
  }),
});

/** The agency of a signed-in viewer (staff or customer). */
async function tenantOfSession(ctx: Context, tenantId: string) {
  const tenant = await ctx.services.tenants.byId(tenantId);
  if (!tenant) throw new Error(`session of a missing tenant ${tenantId}`);
  return tenant;
}

const ViewerInterface = builder.interfaceRef<Viewer>("Viewer").implement({
  description: "Who is calling: nobody signed in, a portal customer, or a staff member.",
  extensions: publicApi("describes only the caller's own sign-in state"),
  fields: (t) => ({ kind: t.field({ type: ViewerKindEnum, resolve: (viewer) => viewer.kind.toUpperCase() as "STAFF" }) }),
});

builder.objectRef<Extract<Viewer, { kind: "anonymous" }>>("AnonymousViewer").implement({
  description: "Nobody is signed in: the public booking API only.",
  interfaces: [ViewerInterface],
  isTypeOf: (value) => (value as Viewer).kind === "anonymous",
  extensions: publicApi("no data"),
  fields: () => ({}),
});

export const StaffViewerRef = builder.objectRef<StaffViewer>("StaffViewer").implement({
  description: "A signed-in staff member, their agency and roles.",
  interfaces: [ViewerInterface],
  isTypeOf: (value) => (value as Viewer).kind === "staff",
  authScopes: (viewer) => ({ staffOf: viewer.tenantId }),
  fields: (t) => ({
    tenant: t.field({ type: TenantRef, resolve: (viewer, _args, ctx) => tenantOfSession(ctx, viewer.tenantId) }),
    user: t.field({ type: StaffUserRef, resolve: (viewer) => viewer.user }),
    roles: t.field({ type: [StaffRoleEnum], resolve: (viewer) => [...viewer.roles] }),
    sessionExpiresAt: t.field({ type: "DateTime", description: "Absolute end of the session.", resolve: (viewer) => viewer.session.expiresAt }),
  }),
});

export const CustomerViewerRef = builder.objectRef<CustomerViewer>("CustomerViewer").implement({
  description: "A signed-in portal customer and their agency.",
  interfaces: [ViewerInterface],
  isTypeOf: (value) => (value as Viewer).kind === "customer",
  authScopes: (viewer) => ({ customerOf: viewer.tenantId }),
  fields: (t) => ({
    tenant: t.field({ type: TenantRef, resolve: (viewer, _args, ctx) => tenantOfSession(ctx, viewer.tenantId) }),
    name: t.string({ resolve: (viewer) => viewer.customer.name }),
    email: t.string({ resolve: (viewer) => viewer.customer.email }),
    sessionExpiresAt: t.field({ type: "DateTime", resolve: (viewer) => viewer.session.expiresAt }),
  }),
});

interface StaffSessionResult {
  viewer: StaffViewer;
  token: string | null;
  expiresAt: Date;
}

const StaffSessionRef = builder.objectRef<StaffSessionResult>("StaffSession").implement({
  description: "A new staff session.",
  extensions: publicApi("returned only to the caller who just proved the credentials; its viewer is checked itself"),
  fields: (t) => ({
    viewer: t.field({ type: StaffViewerRef, resolve: (result) => result.viewer }),
    token: t.exposeString("token", {
      nullable: true,
      description: "The bearer token (deliverAs: TOKEN); null when it went into the cookie. Shown once.",
    }),
    expiresAt: t.field({ type: "DateTime", resolve: (result) => result.expiresAt }),
  }),
});

plainErrorType(InvalidCredentials, "InvalidCredentials", "Unknown agency or account, or wrong password: one answer for all.");

builder.objectType(LoginThrottled, {
  name: "LoginThrottled",
  description: "Too many sign-in attempts for this account or from this address.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof LoginThrottled,
  extensions: publicApi("error"),
  fields: (t) => ({ retryAfterSeconds: t.exposeInt("retryAfterSeconds") }),
});

builder.queryField("viewer", (t) =>
  t.field({
    type: ViewerInterface,
    description: "Who is signed in (session cookie or `Authorization: Bearer`).",
    extensions: publicApi("the caller's own sign-in state"),
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);

builder.mutationField("staffLogin", (t) =>
  t.field({
    type: StaffSessionRef,
    description:
      "Password sign-in of a staff member. Browsers on the gateway's own origin get an HttpOnly cookie; " +
      "API clients ask for a bearer token (deliverAs: TOKEN). Throttled per account and per address.",
    extensions: publicApi("sign-in"),
    errors: { types: [InvalidCredentials, LoginThrottled, InputError], directResult: true, union: { name: "StaffLoginResult" } },
    args: {
      tenant: t.arg.string({ required: true, description: "The agency's slug." }),
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      deliverAs: t.arg({ type: SessionDeliveryEnum, required: false, defaultValue: "COOKIE" }),
    },
    resolve: async (_root, args, ctx) => {
      const deliverAs = args.deliverAs ?? "COOKIE";
      if (deliverAs === "COOKIE" && !ctx.auth.canSetCookie) throw new InputError("SESSION_COOKIE_NOT_ALLOWED", "deliverAs");
      const signIn = await ctx.services.identity.staffLogin({
        tenant: await ctx.tenantBySlug(args.tenant),
        email: args.email,
        password: args.password,
        clientAddress: ctx.auth.clientAddress,
      });
      const via = deliverAs === "COOKIE" ? "cookie" : "bearer";
      if (via === "cookie") ctx.auth.setCookie(sessionCookie(signIn.session.token, signIn.session.expiresAt));
      // The rest of this request (the selection below) is the new staff member's.
      const viewer: StaffViewer = { ...signIn.viewer, session: { ...signIn.viewer.session, via } };
      ctx.viewer = viewer;
      return { viewer, token: via === "bearer" ? signIn.session.token : null, expiresAt: signIn.session.expiresAt };
    },
  }),
);

builder.mutationField("logout", (t) =>
  t.boolean({
    description: "Ends the current session (cookie or bearer token); false when there was none.",
    extensions: publicApi("ends only the caller's own session"),
    resolve: async (_root, _args, ctx) => {
      const ended = ctx.auth.token !== null && (await ctx.services.identity.logout(ctx.auth.token));
      ctx.auth.setCookie(clearedSessionCookie());
      ctx.viewer = ANONYMOUS;
      return ended;
    },
  }),
);

builder.objectField(TenantRef, "staff", (t) =>
  t.field({
    type: [StaffUserRef],
    description: "The agency's staff members; only for its own staff. Anyone else gets an empty list, as for an agency without staff.",
    authScopes: (tenant) => ({ staffOf: tenant.id }),
    unauthorizedResolver: () => [],
    resolve: (tenant, _args, ctx) => ctx.services.identity.staffOf(tenant.id),
  }),
);
