import type { Tenant } from "@terminvergabe/core";
import type { Context } from "../context.ts";

/**
 * The agency a staff operation names (its `tenant` slug argument), for the field's scope:
 * an unknown slug yields an id no viewer is staff of, so it is refused like another
 * agency's — the answer never tells whether an agency or object exists.
 */
export async function tenantIdOf(ctx: Context, slug: string): Promise<string> {
  return (await ctx.tenantBySlug(slug))?.id ?? "unknown-tenant";
}

/** The tenant after the scope check passed (so it exists). */
export async function checkedTenant(ctx: Context, slug: string): Promise<Tenant> {
  const tenant = await ctx.tenantBySlug(slug);
  if (!tenant) throw new Error("tenant vanished after its scope check");
  return tenant;
}

export const staffOfArg = async (_root: unknown, args: { tenant: string }, ctx: Context) => ({ staffOf: await tenantIdOf(ctx, args.tenant) });
export const adminOfArg = async (_root: unknown, args: { tenant: string }, ctx: Context) => ({ adminOf: await tenantIdOf(ctx, args.tenant) });
