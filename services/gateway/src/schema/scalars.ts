import { GraphQLError, Kind } from "graphql";
import { builder } from "../builder.ts";

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError(`Date must be YYYY-MM-DD / Datum im Format JJJJ-MM-TT erwartet: ${JSON.stringify(value)}`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  // Reject dates like 2021-02-30 that Date.parse rolls over.
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new GraphQLError(`No such date / Dieses Datum gibt es nicht: ${value}`, { extensions: { code: "BAD_USER_INPUT" } });
  }
  return value;
}

builder.scalarType("Date", {
  description: "A calendar date in the office's time zone, YYYY-MM-DD.",
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !/[zZ]|[+-]\d{2}:\d{2}$/.test(value as string)) {
    throw new GraphQLError(
      `DateTime must be ISO 8601 with offset / Zeitpunkt im ISO-8601-Format mit Zeitzone erwartet: ${JSON.stringify(value)}`,
      { extensions: { code: "BAD_USER_INPUT" } },
    );
  }
  return date;
}

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 with offset (UTC on output).",
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const LocaleEnum = builder.enumType("Locale", {
  description: "Language of texts; German is the default.",
  values: { de: { description: "Deutsch" }, en: { description: "English" } },
});
