import type { RequestItem, Service } from "./types.ts";

/** Minutes a request takes: first unit plus further units. */
export function duration(services: Service[], items: RequestItem[]): number {
  return items.reduce((sum, item) => {
    const service = services.find((s) => s.id === item.serviceId);
    return service ? sum + service.durationMinutes + (item.quantity - 1) * service.additionalUnitMinutes : sum;
  }, 0);
}

/** Services grouped by their category, in the order the tenant lists them. */
export function byCategory(services: Service[]): [string, Service[]][] {
  const groups = new Map<string, Service[]>();
  for (const service of services) groups.set(service.category, [...(groups.get(service.category) ?? []), service]);
  return [...groups];
}
