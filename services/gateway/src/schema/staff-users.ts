import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import { LocaleEnum } from "./scalars.ts";
import { publicApi } from "./public.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";
import { StaffRoleEnum, StaffUserRef } from "./viewer.ts";

builder.objectField(StaffUserRef, "invitationPending", (t) =>
  t.boolean({
    description: "Invited, but no password set yet (and no single sign-on): cannot sign in until the invitation link is used.",
    resolve: (user) => user.passwordHash === null && user.oidcSubject === null,
  }),
);

builder.queryField("staffUsers", (t) =>
  t.field({
    type: [StaffUserRef],
    description: "The agency's staff, active ones first (admins).",
    args: { tenant: t.arg.string({ required: true }) },
    authScopes: adminOfArg,
    resolve: async (_root, args, ctx) => ctx.services.identity.staffOf((await checkedTenant(ctx, args.tenant)).id),
  }),
);

builder.mutationField("updateStaffUser", (t) =>
  t.field({
    type: StaffUserRef,
    description:
      "An admin changes a colleague's role or deactivates them (active: false ends their sessions at once). Nobody changes themselves; the last active admin stays.",
    args: {
      tenant: t.arg.string({ required: true }),
      user: t.arg.id({ required: true }),
      role: t.arg({ type: StaffRoleEnum, required: false }),
      active: t.arg.boolean({ required: false }),
    },
    authScopes: adminOfArg,
    errors: { types: [NotFound, InputError], directResult: true, union: { name: "UpdateStaffUserResult" } },
    resolve: async (_root, args, ctx) => {
      const tenant = await checkedTenant(ctx, args.tenant);
      await ctx.services.staff.changeStaffUser(callerOf(ctx), tenant, String(args.user), { role: args.role ?? null, active: args.active ?? null });
      const user = (await ctx.services.identity.staffOf(tenant.id)).find((u) => u.id === String(args.user));
      if (!user) throw new NotFound();
      return user;
    },
  }),
);

builder.mutationField("inviteStaffUser", (t) =>
  t.field({
    type: StaffUserRef,
    description:
      "An admin invites a colleague by e-mail: the account exists at once without a password; the mail carries a single-use link to set one (72 hours). Inviting an address whose invitation was not used yet renews it.",
    args: {
      tenant: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      role: t.arg({ type: StaffRoleEnum, required: true }),
      locale: t.arg({ type: LocaleEnum, required: false, description: "Language of the invitation mail; default the agency's." }),
    },
    authScopes: adminOfArg,
    errors: { types: [InputError], directResult: true, union: { name: "InviteStaffUserResult" } },
    resolve: async (_root, args, ctx) => {
      const tenant = await checkedTenant(ctx, args.tenant);
      const invitedBy = ctx.viewer.kind === "staff" ? ctx.viewer.user.name : "";
      return ctx.services.configuration.inviteStaffUser(callerOf(ctx), tenant, { email: args.email, name: args.name, role: args.role, locale: args.locale ?? null, invitedBy });
    },
  }),
);

const AcceptedInvitationRef = builder.objectRef<{ email: string; name: string }>("AcceptedInvitation").implement({
  description: "The account whose password was set: sign in with this e-mail address.",
  extensions: publicApi("shown only to the holder of the invitation link, about their own account"),
  fields: (t) => ({ email: t.exposeString("email"), name: t.exposeString("name") }),
});

builder.mutationField("acceptStaffInvitation", (t) =>
  t.field({
    extensions: publicApi("the invitation link's single-use token is the authorization"),
    type: AcceptedInvitationRef,
    description: "Sets the password of an invited staff member with the token of the invitation link (once, before it expires); then sign in with staffLogin.",
    args: { tenant: t.arg.string({ required: true }), token: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    errors: { types: [InputError], directResult: true, union: { name: "AcceptStaffInvitationResult" } },
    resolve: async (_root, args, ctx) => {
      const tenant = await ctx.tenantBySlug(args.tenant);
      if (!tenant) throw new InputError("INVITATION_LINK_INVALID", "token");
      const user = await ctx.services.configuration.acceptStaffInvitation(tenant, args.token, args.password);
      return { email: user.email, name: user.name };
    },
  }),
);
