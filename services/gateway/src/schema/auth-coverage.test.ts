import { type GraphQLField, type GraphQLNamedType, isInterfaceType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "./index.ts";

type Extensions = { pothosOptions?: { authScopes?: unknown; skipTypeScopes?: boolean }; public?: unknown } | undefined | null;

const ROOT_TYPES = new Set(["Query", "Mutation", "Subscription"]);

const ext = (value: { extensions?: unknown }) => value.extensions as Extensions;
const hasRule = (value: { extensions?: unknown }) => ext(value)?.pothosOptions?.authScopes !== undefined;
const publicReason = (value: { extensions?: unknown }) => {
  const reason = ext(value)?.public;
  return typeof reason === "string" && reason.trim().length > 0;
};

/** The types whose fields a client can select (objects and interfaces), without introspection's. */
function selectableTypes(): (GraphQLNamedType & { getFields(): Record<string, GraphQLField<unknown, unknown>> })[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith("__"))
    .filter((type) => isObjectType(type) || isInterfaceType(type)) as never;
}

/**
 * Why a field may resolve: its own authScopes; its type's authScopes (unless it skips them);
 * or an explicit public marker (schema/public.ts) on the field or — except on root types —
 * on its type. Everything else is a forgotten field.
 */
function ruleOf(type: GraphQLNamedType, field: GraphQLField<unknown, unknown>): string | null {
  if (hasRule(field)) return "field authScopes";
  if (hasRule(type) && !ext(field)?.pothosOptions?.skipTypeScopes) return "type authScopes";
  if (publicReason(field)) return "public field";
  if (!ROOT_TYPES.has(type.name) && publicReason(type)) return "public type";
  return null;
}

describe("authorization coverage", () => {
  it("every field of the schema has an auth rule or is explicitly public", () => {
    const forgotten: string[] = [];
    let fields = 0;
    for (const type of selectableTypes()) {
      for (const field of Object.values(type.getFields())) {
        fields += 1;
        if (!ruleOf(type, field)) forgotten.push(`${type.name}.${field.name}`);
      }
    }
    expect(fields).toBeGreaterThan(50);
    expect(forgotten, "fields without authScopes and without publicApi(...): decide who may read them").toEqual([]);
  });

  it("would catch a forgotten field", () => {
    const bare = { extensions: {} };
    expect(ruleOf({ name: "Tenant", ...bare } as never, { name: "secret", ...bare } as never)).toBeNull();
    expect(ruleOf({ name: "Query", extensions: { public: "x" } } as never, { name: "secret", ...bare } as never)).toBeNull();
    expect(ruleOf({ name: "Tenant", extensions: { public: " " } } as never, { name: "secret", ...bare } as never)).toBeNull();
    expect(
      ruleOf({ name: "T", extensions: { pothosOptions: { authScopes: {} } } } as never, { extensions: { pothosOptions: { skipTypeScopes: true } } } as never),
    ).toBeNull();
  });

  it("never marks a root type public as a whole", () => {
    for (const name of ROOT_TYPES) {
      const type = schema.getType(name);
      if (type) expect(publicReason(type), name).toBe(false);
    }
  });

  it("checks staff data against the tenant of the object, not a global flag", () => {
    const staffUser = schema.getType("StaffUser");
    const staffOfTenant = isObjectType(schema.getType("Tenant")) ? (schema.getType("Tenant") as never as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields().staff : undefined;
    const scopes = (value: { extensions?: unknown } | undefined | null) => ext(value ?? {})?.pothosOptions?.authScopes;
    const typeRule = scopes(staffUser) as (user: { tenantId: string }) => unknown;
    expect(typeRule({ tenantId: "t-1" })).toEqual({ staffOf: "t-1" });
    const fieldRule = scopes(staffOfTenant) as (tenant: { id: string }) => unknown;
    expect(fieldRule({ id: "t-2" })).toEqual({ staffOf: "t-2" });
  });
});
