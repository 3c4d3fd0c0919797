import type { OfficeInfo, ServiceInfo, Tenant } from "@terminvergabe/core";
import type { TenantRepository } from "@terminvergabe/db";
import { isLookupRef, isUuid } from "./lookup-ref.ts";
import { TtlCache } from "./ttl-cache.ts";

/** Tenants (and unknown slugs) kept per cache at most. */
const MAX_TENANTS = 1_000;

/**
 * Agencies, offices and concerns change rarely but are read on every request: keep them
 * for a few seconds instead of asking the database each time. Same API as the repository.
 */
export class CatalogCache {
  private readonly tenantsBySlug: TtlCache<string, Tenant | null>;
  private readonly tenantsById: TtlCache<string, Tenant | null>;
  private readonly officeLists: TtlCache<string, OfficeInfo[]>;
  private readonly serviceLists: TtlCache<string, ServiceInfo[]>;

  constructor(
    private readonly repository: TenantRepository,
    ttlMs = 5_000,
  ) {
    // Bounded: unknown slugs of the right shape are cached too (as null), and must not
    // grow the cache however many a caller invents.
    this.tenantsBySlug = new TtlCache(ttlMs, { max: MAX_TENANTS });
    this.tenantsById = new TtlCache(ttlMs, { max: MAX_TENANTS });
    this.officeLists = new TtlCache(ttlMs, { max: MAX_TENANTS });
    this.serviceLists = new TtlCache(ttlMs, { max: MAX_TENANTS });
  }

  bySlug(slug: string): Promise<Tenant | null> {
    if (!isLookupRef(slug)) return Promise.resolve(null);
    return this.tenantsBySlug.get(slug, () => this.repository.bySlug(slug));
  }

  byId(id: string): Promise<Tenant | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.tenantsById.get(id, () => this.repository.byId(id));
  }

  list(): Promise<Tenant[]> {
    return this.repository.list();
  }

  allAllowedOrigins(): Promise<Set<string>> {
    return this.repository.allAllowedOrigins();
  }

  offices(tenantId: string): Promise<OfficeInfo[]> {
    return this.officeLists.get(tenantId, () => this.repository.offices(tenantId));
  }

  async services(tenantId: string, options: { onlineOnly?: boolean } = {}): Promise<ServiceInfo[]> {
    const all = await this.serviceLists.get(tenantId, () => this.repository.services(tenantId));
    return options.onlineOnly ? all.filter((s) => s.onlineBookable) : all;
  }

  servicesOfOffice(tenantId: string, officeId: string): Promise<ServiceInfo[]> {
    return this.repository.servicesOfOffice(tenantId, officeId);
  }

  /** Counts the clears, so lookups cached elsewhere (per request, per subscription) can tell they are stale. */
  generation = 0;

  /** Entries held per cache (tests of the bounds). */
  sizes(): { tenantsBySlug: number; tenantsById: number; officeLists: number; serviceLists: number } {
    return { tenantsBySlug: this.tenantsBySlug.size, tenantsById: this.tenantsById.size, officeLists: this.officeLists.size, serviceLists: this.serviceLists.size };
  }

  /** Forget everything (after a configuration change, and in tests). */
  clear(): void {
    this.generation += 1;
    for (const cache of [this.tenantsBySlug, this.tenantsById, this.officeLists, this.serviceLists]) cache.clear();
  }
}
