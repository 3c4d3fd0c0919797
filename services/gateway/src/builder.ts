import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { Context } from "./context.ts";

/** The one Pothos builder: plugins, context type and scalars only; types live in schema/. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: { staff: boolean; admin: boolean };
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
    authScopes: async (context) => ({
      staff: context.viewer.kind === "staff",
      admin: context.viewer.kind === "staff" && context.viewer.role === "ADMIN",
    }),
  },
  errors: { defaultTypes: [] },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
