import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { GraphQLError } from "graphql";
import type { Context } from "./context.ts";
import { t } from "./i18n/messages.ts";
import { isAdminOf, isCustomerOf, isStaffOf } from "./identity/viewer.ts";

/** The one Pothos builder: plugins, context type and scalars only; types live in schema/. */
export const builder = new SchemaBuilder<{
  Context: Context;
  /** Parameterised by the tenant id of the object at hand (STYLE.md 17). */
  AuthScopes: { staffOf: string; adminOf: string; customerOf: string };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    // One translated, typed answer for every refusal (anonymous, wrong role, another
    // agency's object, unknown agency): it tells nothing about whether the object exists.
    unauthorizedError: (_parent, context) =>
      new GraphQLError(t("NOT_ALLOWED", context.locale), { extensions: { code: "NOT_ALLOWED", http: { status: 200 } } }),
    // Another tenant's object fails these checks; fields answer it like a missing one
    // (schema/viewer.ts: `unauthorizedResolver`), never with its data.
    authScopes: (context) => ({
      staffOf: (tenantId) => isStaffOf(context.viewer, tenantId),
      adminOf: (tenantId) => isAdminOf(context.viewer, tenantId),
      customerOf: (tenantId) => isCustomerOf(context.viewer, tenantId),
    }),
  },
  errors: { defaultTypes: [] },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
