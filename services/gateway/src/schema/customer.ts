import { builder } from "../builder.ts";
import { InputError } from "../errors/domain-errors.ts";
import type { CustomerViewer } from "../identity/customer-accounts.ts";
import { InvalidCredentials, LoginThrottled } from "../identity/identity-errors.ts";
import { sessionCookie } from "../identity/session-cookie.ts";
import { ApplicationRef } from "./campaign.ts";
import { publicApi } from "./public.ts";
import { CustomerViewerRef } from "./viewer.ts";

const RegistrationRef = builder.objectRef<{ email: string }>("CustomerRegistration").implement({
  extensions: publicApi("echoes the caller's own input"),
  description: "The account exists, unverified: a link to confirm the e-mail address is on its way.",
  fields: (t) => ({ email: t.exposeString("email") }),
});

interface CustomerSessionResult {
  viewer: CustomerViewer;
  token: string | null;
  expiresAt: Date;
}

const CustomerSessionRef = builder.objectRef<CustomerSessionResult>("CustomerSession").implement({
  description: "A new customer session.",
  extensions: publicApi("returned only to the caller who just proved the credentials"),
  fields: (t) => ({
    name: t.string({ resolve: (r) => r.viewer.customer.name }),
    email: t.string({ resolve: (r) => r.viewer.customer.email }),
    token: t.exposeString("token", { nullable: true, description: "The bearer token (deliverAs: TOKEN); null when it went into the cookie. Shown once." }),
    expiresAt: t.field({ type: "DateTime", resolve: (r) => r.expiresAt }),
  }),
});

const DeliveryEnum = builder.enumType("CustomerSessionDelivery", { values: ["COOKIE", "TOKEN"] as const });

builder.mutationField("registerCustomer", (t) =>
  t.field({
    type: RegistrationRef,
    description: "Registers a portal customer account with the agency; the e-mail address is confirmed by a link (double opt-in) before sign-in.",
    extensions: publicApi("registration"),
    errors: { types: [InputError], directResult: true, union: { name: "RegisterCustomerResult" } },
    args: {
      tenant: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = await ctx.tenantBySlug(args.tenant);
      if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
      return ctx.services.customers.register(tenant, { name: args.name, email: args.email, password: args.password, locale: ctx.locale });
    },
  }),
);

builder.mutationField("verifyCustomerEmail", (t) =>
  t.field({
    type: RegistrationRef,
    description: "Confirms the e-mail address with the token of the registration mail's link (single use, 24 hours).",
    extensions: publicApi("proven by the single-purpose token"),
    errors: { types: [InputError], directResult: true, union: { name: "VerifyCustomerEmailResult" } },
    args: { tenant: t.arg.string({ required: true }), token: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = await ctx.tenantBySlug(args.tenant);
      if (!tenant) throw new InputError("VERIFICATION_LINK_INVALID", "token");
      const account = await ctx.services.customers.verify(tenant, args.token);
      return { email: account.email };
    },
  }),
);

builder.mutationField("customerLogin", (t) =>
  t.field({
    type: CustomerSessionRef,
    description: "Password sign-in of a portal customer (same session and throttling rules as staff).",
    extensions: publicApi("sign-in"),
    errors: { types: [InvalidCredentials, LoginThrottled, InputError], directResult: true, union: { name: "CustomerLoginResult" } },
    args: {
      tenant: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      deliverAs: t.arg({ type: DeliveryEnum, required: false, defaultValue: "COOKIE" }),
    },
    resolve: async (_root, args, ctx) => {
      const deliverAs = args.deliverAs ?? "COOKIE";
      if (deliverAs === "COOKIE" && !ctx.auth.canSetCookie) throw new InputError("SESSION_COOKIE_NOT_ALLOWED", "deliverAs");
      const signIn = await ctx.services.customers.login(await ctx.tenantBySlug(args.tenant), {
        email: args.email,
        password: args.password,
        clientAddress: ctx.auth.clientAddress,
      });
      const via = deliverAs === "COOKIE" ? "cookie" : "bearer";
      if (via === "cookie") ctx.auth.setCookie(sessionCookie(signIn.session.token, signIn.session.expiresAt));
      const viewer: CustomerViewer = { ...signIn.viewer, session: { ...signIn.viewer.session, via } };
      ctx.viewer = viewer;
      return { viewer, token: via === "bearer" ? signIn.session.token : null, expiresAt: signIn.session.expiresAt };
    },
  }),
);

builder.objectField(CustomerViewerRef, "applications", (t) =>
  t.field({
    type: [ApplicationRef],
    description: "The customer's applications in the agency's campaigns.",
    authScopes: (viewer) => ({ customerOf: viewer.tenantId }),
    resolve: (viewer, _args, ctx) => ctx.services.lottery.applicationsOf({ tenantId: viewer.tenantId, customerId: viewer.customerId }),
  }),
);
