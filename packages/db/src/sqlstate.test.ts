import { describe, expect, it } from "vitest";
import { sqlStateOf } from "./sqlstate.ts";

describe("sqlStateOf", () => {
  it.each([
    ["pg / PGlite error", { code: "23P01" }, "23P01"],
    ["driver adapter error", { name: "DriverAdapterError", cause: { code: "23505", originalCode: "23505" } }, "23505"],
    ["P2010 raw query error", { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "23P01" } } } }, "23P01"],
    ["deeply wrapped", { cause: { cause: { code: "40001" } } }, "40001"],
  ])("reads the SQLSTATE of a %s", (_name, error, expected) => {
    expect(sqlStateOf(error)).toBe(expected);
  });

  it("ignores Prisma's own P-codes and non-errors", () => {
    expect(sqlStateOf({ code: "P2002" })).toBeUndefined();
    expect(sqlStateOf(null)).toBeUndefined();
    expect(sqlStateOf("23505")).toBeUndefined();
  });
});
