import { type ASTVisitor, GraphQLError, Kind, type ValidationContext } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.ts";
import { localeFromHeader, t } from "../i18n/messages.ts";
import { MAX_REF_LENGTH } from "../scheduling/lookup-ref.ts";

/** Longest text any argument may carry (names, notes, reasons, configuration texts). */
export const MAX_ARGUMENT_LENGTH = 10_000;

/** Arguments and input fields that name an agency, office or campaign: identifiers, short. */
const REFERENCE_NAMES = new Set(["tenant", "office", "slug", "campaign", "reference", "tenantSlug", "officeSlug"]);

function limitOf(name: string | undefined): number {
  return name !== undefined && REFERENCE_NAMES.has(name) ? MAX_REF_LENGTH : MAX_ARGUMENT_LENGTH;
}

/** The name of the first string (under its argument or field name) that is too long, or null. */
export function tooLong(value: unknown, name?: string, depth = 0): string | null {
  if (typeof value === "string") return value.length > limitOf(name) ? (name ?? "argument") : null;
  if (depth > 20 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = tooLong(item, name, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = tooLong(item, key, depth + 1);
    if (found) return found;
  }
  return null;
}

function argumentTooLong(field: string, locale: "de" | "en"): GraphQLError {
  return new GraphQLError(t("ARGUMENT_TOO_LONG", locale), { extensions: { code: "ARGUMENT_TOO_LONG", field } });
}

/** A validation rule: string literals in the query within the same limits. */
function literalLengthRule(locale: "de" | "en") {
  return (context: ValidationContext): ASTVisitor => {
    const names: string[] = [];
    return {
      Argument: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
      ObjectField: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
      StringValue(node) {
        const name = names.at(-1);
        if (node.value.length > limitOf(name)) context.reportError(argumentTooLong(name ?? "argument", locale));
      },
      [Kind.VARIABLE_DEFINITION]: () => false,
    };
  };
}

/**
 * Length limits of every string argument, inline or in variables, before anything runs:
 * references (tenant, office, slug …) at most {@link MAX_REF_LENGTH} characters, any other
 * text at most {@link MAX_ARGUMENT_LENGTH}. The typed, translated ARGUMENT_TOO_LONG
 * answers anything longer, so no resolver, cache or limiter sees such a value.
 */
export function useArgumentLimits(): Plugin {
  const localeOf = (contextValue: unknown) => {
    const ctx = contextValue as (Context & { request?: Request }) | undefined;
    return ctx?.locale ?? localeFromHeader(ctx?.request?.headers.get("accept-language") ?? null);
  };
  const check = ({ args, setResultAndStopExecution }: { args: { variableValues?: unknown; contextValue: unknown }; setResultAndStopExecution: (result: never) => void }) => {
    const field = tooLong(args.variableValues ?? null);
    if (field) setResultAndStopExecution({ errors: [argumentTooLong(field, localeOf(args.contextValue))] } as never);
  };
  return {
    onValidate({ addValidationRule, context }) {
      addValidationRule(literalLengthRule(localeOf(context)));
    },
    onExecute: check,
    onSubscribe: check,
  };
}
