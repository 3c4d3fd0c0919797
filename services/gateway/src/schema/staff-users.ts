import { builder } from "../builder.ts";
import { callerOf } from "../context.ts";
import { InputError, NotFound } from "../errors/domain-errors.ts";
import { adminOfArg, checkedTenant } from "./staff-scope.ts";
import { StaffRoleEnum, StaffUserRef } from "./viewer.ts";

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
