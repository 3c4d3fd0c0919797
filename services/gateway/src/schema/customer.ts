import { builder } from "../builder.ts";
import { InputError } from "../errors/domain-errors.ts";
import type { CustomerViewer } from "../identity/customer-accounts.ts";
import { InvalidCredentials, LoginThrottled } from "../identity/identity-errors.ts";
import { clearedSessionCookie, sessionCookie } from "../identity/session-cookie.ts";
import { ANONYMOUS } from "../identity/viewer.ts";
import { LotteryRefused } from "../lottery/lottery-errors.ts";
import type { CustomerNotificationRecord } from "@terminvergabe/db";
import type { Context } from "../context.ts";
import { MAX_NOTIFICATIONS } from "../identity/customer-accounts.ts";
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
      membershipNumber: t.arg.string({ required: false, description: "Required where the agency serves members only (Tenant.membershipNumberRequired); at most 32 characters." }),
      consent: t.arg.boolean({ required: false, description: "The agency's privacy notice was accepted: must be true (else CONSENT_REQUIRED on consent); the account's creation time is the consent's." }),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = await ctx.tenantBySlug(args.tenant);
      if (!tenant) throw new InputError("UNKNOWN_TENANT", "tenant");
      return ctx.services.customers.register(tenant, { name: args.name, email: args.email, password: args.password, membershipNumber: args.membershipNumber, consent: args.consent === true, locale: ctx.locale });
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


/** The answer of an account operation that has nothing else to say (unions need an object type). */
const AccountDoneRef = builder.objectRef<{ done: true }>("CustomerAccountDone").implement({
  extensions: publicApi("no data"),
  fields: (t) => ({ done: t.boolean({ resolve: () => true }) }),
});
const DONE = { done: true } as const;

/** The signed-in customer of the agency named by `tenant`; anyone else gets CUSTOMER_REQUIRED. */
async function signedIn(ctx: Context, slug: string): Promise<{ tenant: NonNullable<Awaited<ReturnType<Context["tenantBySlug"]>>>; viewer: CustomerViewer }> {
  const tenant = await ctx.tenantBySlug(slug);
  const viewer = ctx.viewer;
  if (!tenant || viewer.kind !== "customer" || viewer.tenantId !== tenant.id) throw new InputError("CUSTOMER_REQUIRED", "tenant");
  return { tenant, viewer };
}

/** The tenant named by a customer operation, for its scope; unknown → an id nobody holds. */
const customerOfTenantArg = async (_root: unknown, args: { tenant: string }, ctx: Context) => ({
  customerOf: (await ctx.tenantBySlug(args.tenant))?.id ?? "unknown-tenant",
});

builder.mutationField("requestCustomerPasswordReset", (t) =>
  t.field({
    type: AccountDoneRef,
    description:
      "Forgotten password: mails a link to set a new one (single use, one hour) if the address has an account. The same answer whether or not it has one; throttled like a sign-in.",
    extensions: publicApi("answers the same for every address; the link goes only to the account's own address"),
    errors: { types: [InputError, LoginThrottled], directResult: true, union: { name: "RequestCustomerPasswordResetResult" } },
    args: { tenant: t.arg.string({ required: true }), email: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.customers.requestPasswordReset(await ctx.tenantBySlug(args.tenant), { email: args.email, clientAddress: ctx.auth.clientAddress });
      return DONE;
    },
  }),
);

builder.mutationField("resetCustomerPassword", (t) =>
  t.field({
    type: AccountDoneRef,
    description: "Sets a new password with the token of the reset mail's link (single use, one hour). Every session of the account ends; sign in again.",
    extensions: publicApi("proven by the single-purpose token"),
    errors: { types: [InputError], directResult: true, union: { name: "ResetCustomerPasswordResult" } },
    args: { tenant: t.arg.string({ required: true }), token: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await ctx.services.customers.resetPassword(await ctx.tenantBySlug(args.tenant), args.token, args.password);
      return DONE;
    },
  }),
);

builder.mutationField("changeCustomerPassword", (t) =>
  t.field({
    type: AccountDoneRef,
    description: "The signed-in customer sets a new password, proving the current one; their other sessions end.",
    authScopes: customerOfTenantArg,
    errors: { types: [InputError, InvalidCredentials, LoginThrottled], directResult: true, union: { name: "ChangeCustomerPasswordResult" } },
    args: { tenant: t.arg.string({ required: true }), currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { viewer } = await signedIn(ctx, args.tenant);
      await ctx.services.customers.changePassword(viewer, args.currentPassword, args.newPassword, ctx.auth.clientAddress);
      return DONE;
    },
  }),
);

const EmailChangeRef = builder.objectRef<{ email: string }>("CustomerEmailChange").implement({
  extensions: publicApi("echoes the caller's own input"),
  description: "A link to confirm the new address went to it; the account keeps the old address until the link is followed.",
  fields: (t) => ({ email: t.exposeString("email") }),
});

builder.mutationField("requestCustomerEmailChange", (t) =>
  t.field({
    type: EmailChangeRef,
    description: "Asks to change the signed-in customer's e-mail address (proving the password): the new address is verified by a link (single use, 24 hours).",
    authScopes: customerOfTenantArg,
    errors: { types: [InputError, InvalidCredentials, LoginThrottled], directResult: true, union: { name: "RequestCustomerEmailChangeResult" } },
    args: { tenant: t.arg.string({ required: true }), newEmail: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { tenant, viewer } = await signedIn(ctx, args.tenant);
      return ctx.services.customers.requestEmailChange(viewer, tenant, args.newEmail, args.password, ctx.auth.clientAddress);
    },
  }),
);

builder.mutationField("confirmCustomerEmailChange", (t) =>
  t.field({
    type: EmailChangeRef,
    description: "Takes over the new e-mail address with the token of the link mailed to it (single use, 24 hours).",
    extensions: publicApi("proven by the single-purpose token"),
    errors: { types: [InputError], directResult: true, union: { name: "ConfirmCustomerEmailChangeResult" } },
    args: { tenant: t.arg.string({ required: true }), token: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.customers.confirmEmailChange(await ctx.tenantBySlug(args.tenant), args.token),
  }),
);

builder.mutationField("deleteCustomerAccount", (t) =>
  t.field({
    type: AccountDoneRef,
    description:
      "Deletes the signed-in customer's account (GDPR), proving the password: open applications are withdrawn, offers declined, confirmed appointments and bookings cancelled with notice; then the account, its sessions, applications and notifications are erased. Refused (DRAW_PENDING) between a campaign's close and its draw.",
    authScopes: customerOfTenantArg,
    errors: { types: [InputError, InvalidCredentials, LoginThrottled, LotteryRefused], directResult: true, union: { name: "DeleteCustomerAccountResult" } },
    args: { tenant: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { tenant, viewer } = await signedIn(ctx, args.tenant);
      await ctx.services.customers.deleteAccount(viewer, tenant, args.password, ctx.auth.clientAddress);
      if (viewer.session.via === "cookie") ctx.auth.setCookie(clearedSessionCookie());
      ctx.viewer = ANONYMOUS;
      return DONE;
    },
  }),
);

const NotificationRef = builder.objectRef<CustomerNotificationRecord>("CustomerNotification").implement({
  description: "A message to the customer (each also went out as a mail): offer, deadline reminder, expiry, move-up, confirmation, cancellation, waiting list.",
  authScopes: (n) => ({ customerOf: n.tenantId }),
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.exposeString("kind", { description: "offer, offer-reminder, expired, confirmed, cancelled, waitlisted (a move-up is an offer with movedUp)." }),
    subject: t.exposeString("subject", { description: "The mail's subject, in the customer's language." }),
    campaignId: t.id({ nullable: true, resolve: (n) => n.campaignId }),
    applicationId: t.id({ nullable: true, resolve: (n) => n.applicationId }),
    appointmentStart: t.field({ type: "DateTime", nullable: true, resolve: (n) => dateOf(n.data.start) }),
    offerDeadline: t.field({ type: "DateTime", nullable: true, resolve: (n) => dateOf(n.data.deadline) }),
    movedUp: t.boolean({ resolve: (n) => n.data.movedUp === true }),
    lotteryRank: t.int({ nullable: true, resolve: (n) => (typeof n.data.rank === "number" ? n.data.rank : null) }),
    createdAt: t.field({ type: "DateTime", resolve: (n) => n.createdAt }),
    readAt: t.field({ type: "DateTime", nullable: true, resolve: (n) => n.readAt }),
  }),
});

function dateOf(value: unknown): Date | null {
  return typeof value === "string" ? new Date(value) : null;
}

builder.objectField(CustomerViewerRef, "notifications", (t) =>
  t.field({
    type: [NotificationRef],
    description: `The customer's notifications, newest first (at most ${MAX_NOTIFICATIONS}).`,
    authScopes: (viewer) => ({ customerOf: viewer.tenantId }),
    args: { first: t.arg.int({ required: false, defaultValue: 50 }) },
    resolve: (viewer, args, ctx) => ctx.services.customers.notifications(viewer, args.first ?? 50),
  }),
);

const NotificationsReadRef = builder.objectRef<{ changed: number }>("NotificationsRead").implement({
  extensions: publicApi("a count of the caller's own notifications"),
  fields: (t) => ({ changed: t.exposeInt("changed") }),
});

builder.mutationField("markNotificationsRead", (t) =>
  t.field({
    type: NotificationsReadRef,
    description: "Marks the signed-in customer's notifications read — those named, or all; returns how many changed.",
    authScopes: customerOfTenantArg,
    errors: { types: [InputError], directResult: true, union: { name: "MarkNotificationsReadResult" } },
    args: { tenant: t.arg.string({ required: true }), ids: t.arg.idList({ required: false }) },
    resolve: async (_root, args, ctx) => {
      const { viewer } = await signedIn(ctx, args.tenant);
      return { changed: await ctx.services.customers.markNotificationsRead(viewer, args.ids ? args.ids.map(String) : null) };
    },
  }),
);
