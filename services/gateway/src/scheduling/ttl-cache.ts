import { LRUCache } from "lru-cache";

export interface TtlCacheOptions {
  /** Entries kept at most; the least recently used go first (default 1,000). */
  max?: number;
  now?: () => number;
}

/**
 * A small async cache: one load in flight per key, entries expire after `ttlMs`, and at
 * most `max` entries are kept (least recently used dropped first), so no sequence of keys
 * can make it grow without bound. `ttlMs` 0 caches nothing.
 */
export class TtlCache<K extends {}, V> {
  private readonly entries: LRUCache<K, { at: number; value: Promise<V> }>;
  private readonly now: () => number;

  constructor(
    private readonly ttlMs: number,
    options: TtlCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.entries = new LRUCache({ max: Math.max(1, options.max ?? 1_000) });
  }

  get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < this.ttlMs) return entry.value;
    const value = load();
    if (this.ttlMs <= 0) return value;
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.entries.peek(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Entries held now (tests of the bound). */
  get size(): number {
    return this.entries.size;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
