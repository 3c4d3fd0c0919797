/**
 * Rate limits per client address and per tenant on the expensive reads and the booking
 * operations (rate-limiter-flexible: in memory, or in Redis with REDIS_URL so a limit holds
 * across instances). A refused operation gets 429 with Retry-After and a typed, translated
 * RATE_LIMITED error; every limited operation's answer carries the RateLimit headers of the
 * IETF draft (RateLimit-Limit, -Remaining, -Reset, RateLimit-Policy), so a well-behaved
 * client can slow down before it is refused.
 *
 * It sits beside admission control (plugins/admission.ts), not in it: admission control
 * protects the process from any overload, whoever causes it; rate limits keep one address
 * or one tenant from taking more than its share while the process is fine.
 */
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import type { LimiterStore } from "../abuse/limiter-store.ts";
import { type LimitedKind, LIMITED_FIELDS, type LimitName, type RateLimits } from "../abuse/rate-limit-policy.ts";
import type { Context } from "../context.ts";
import { localeFromHeader, t } from "../i18n/messages.ts";

/** Tenant slugs as the schema accepts them; anything else is not counted per tenant. */
const SLUG = /^[a-z0-9-]{1,64}$/;

/** The headers a browser may read on a cross-origin answer. */
export const RATE_LIMIT_HEADERS = ["retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy"];

interface Charge {
  kind: LimitedKind;
  tenant: string | null;
}

function stringValue(node: ValueNode | undefined, variables: Record<string, unknown>): unknown {
  if (!node) return undefined;
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.OBJECT) return Object.fromEntries(node.fields.map((f) => [f.name.value, stringValue(f.value, variables)]));
  return undefined;
}

/** The tenant a root field names: its `tenant` argument, or `input.tenant`. */
function tenantOf(args: readonly { name: { value: string }; value: ValueNode }[], variables: Record<string, unknown>): string | null {
  const direct = stringValue(args.find((a) => a.name.value === "tenant")?.value, variables);
  const input = stringValue(args.find((a) => a.name.value === "input")?.value, variables) as { tenant?: unknown } | undefined;
  const slug = typeof direct === "string" ? direct : typeof input?.tenant === "string" ? input.tenant : null;
  return slug !== null && SLUG.test(slug) ? slug : null;
}

/** What an operation is charged: one point per limited root field (aliases count each). */
export function chargesOf(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): Charge[] {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!operation) return [];
  const charges: Charge[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      if (selection.kind !== Kind.FIELD) continue;
      const kind = LIMITED_FIELDS[selection.name.value];
      if (kind) charges.push({ kind, tenant: tenantOf(selection.arguments ?? [], variables) });
    }
  };
  visit(operation.selectionSet);
  return charges;
}

interface Verdict {
  name: LimitName;
  res: RateLimiterRes;
  refused: boolean;
}

function headersOf(limits: RateLimits, verdict: Verdict): Record<string, string> {
  const limit = limits[verdict.name];
  const reset = Math.max(1, Math.ceil(verdict.res.msBeforeNext / 1000));
  return {
    "ratelimit-limit": String(limit.points),
    "ratelimit-remaining": String(Math.max(0, verdict.res.remainingPoints)),
    "ratelimit-reset": String(reset),
    "ratelimit-policy": `${limit.points};w=${limit.durationSeconds}`,
  };
}

export function useRateLimit(limits: RateLimits | null, store: LimiterStore): Plugin<Context> {
  if (!limits) return {};
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, limit] of Object.entries(limits) as [LimitName, RateLimits[LimitName]][]) {
    limiters.set(name, store.limiter({ prefix: `rl-${name}`, points: limit.points, durationSeconds: limit.durationSeconds }));
  }
  const answered = new WeakMap<Request, Record<string, string>>();

  async function charge(name: LimitName, key: string, points: number): Promise<Verdict> {
    try {
      return { name, res: await limiters.get(name)!.consume(key, points), refused: false };
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      return { name, res: rejection as RateLimiterRes, refused: true };
    }
  }

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Context & { request?: Request };
      // The agency's own staff are not limited (their desk shows many days at once).
      if (ctx.viewer?.kind === "staff") return;
      const charges = chargesOf(args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>);
      if (charges.length === 0) return;
      const address = ctx.auth?.clientAddress ?? "unknown";
      const verdicts: Verdict[] = [];
      for (const kind of ["booking", "read"] as const) {
        const mine = charges.filter((c) => c.kind === kind);
        if (mine.length === 0) continue;
        verdicts.push(await charge(`${kind}-ip`, address, mine.length));
        const byTenant = new Map<string, number>();
        for (const c of mine) if (c.tenant) byTenant.set(c.tenant, (byTenant.get(c.tenant) ?? 0) + 1);
        for (const [tenant, points] of byTenant) verdicts.push(await charge(`${kind}-tenant`, tenant, points));
      }
      // The headers tell about the tightest limit: refused first, else the fewest points left.
      const tightest = verdicts.reduce((a, b) => (a.refused !== b.refused ? (a.refused ? a : b) : a.res.remainingPoints <= b.res.remainingPoints ? a : b));
      const headers = headersOf(limits, tightest);
      if (ctx.request) answered.set(ctx.request, headers);
      if (!tightest.refused) return;
      const retryAfterSeconds = Math.max(1, Math.ceil(tightest.res.msBeforeNext / 1000));
      const locale = ctx.locale ?? localeFromHeader(ctx.request?.headers.get("accept-language"));
      setResultAndStopExecution({
        errors: [
          new GraphQLError(t("RATE_LIMITED", locale, { seconds: retryAfterSeconds }), {
            extensions: {
              code: "RATE_LIMITED",
              limit: tightest.name,
              retryAfterSeconds,
              http: { status: 429, headers: { ...headers, "retry-after": String(retryAfterSeconds) } },
            },
          }),
        ],
      });
    },
    onResponse({ request, response }) {
      const headers = answered.get(request);
      if (!headers) return;
      for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
    },
  };
}
