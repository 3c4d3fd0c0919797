import { describe, expect, it } from "vitest";
import { byCategory, duration } from "./request.ts";
import type { Service } from "./types.ts";

const service = (id: string, category: string, durationMinutes: number, additionalUnitMinutes: number): Service => ({
  id, name: id, description: "", category, durationMinutes, additionalUnitMinutes, maxQuantity: 5, documents: [], hints: [],
});

describe("a request of concerns", () => {
  const services = [service("pass", "Ausweise", 15, 10), service("copy", "Sonstiges", 10, 5), service("id", "Ausweise", 15, 10)];

  it("takes the first unit's time plus each further unit's (two passports take longer)", () => {
    expect(duration(services, [{ serviceId: "pass", quantity: 2 }, { serviceId: "copy", quantity: 1 }])).toBe(35);
  });

  it("groups concerns by category in the agency's order", () => {
    expect(byCategory(services).map(([c, list]) => [c, list.map((s) => s.id)])).toEqual([
      ["Ausweise", ["pass", "id"]],
      ["Sonstiges", ["copy"]],
    ]);
  });
});
