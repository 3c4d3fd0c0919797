/**
 * Shares one source stream among many consumers: the first consumer of a key starts it,
 * every consumer gets each later value, a late joiner first gets the latest value (the
 * streams here carry whole states, so the latest is all it needs), and the source is
 * closed when the last consumer leaves.
 */
export class Multicast<T> {
  private readonly groups = new Map<string, Group<T>>();

  /** Number of running sources (for tests and metrics). */
  get size(): number {
    return this.groups.size;
  }

  subscribe(key: string, start: () => AsyncIterable<T> | Promise<AsyncIterable<T>>): AsyncGenerator<T> {
    let group = this.groups.get(key);
    if (!group) {
      group = new Group(start, () => this.groups.delete(key));
      this.groups.set(key, group);
    }
    return group.join();
  }
}

type Waiter<T> = (result: IteratorResult<T> | { error: unknown }) => void;

class Consumer<T> {
  readonly queue: (IteratorResult<T> | { error: unknown })[] = [];
  waiter: Waiter<T> | undefined;

  push(item: IteratorResult<T> | { error: unknown }): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter(item);
    } else {
      // Whole states: a slow consumer only needs the newest one.
      if (this.queue.length && !("error" in item) && !item.done) this.queue.length = 0;
      this.queue.push(item);
    }
  }
}

class Group<T> {
  private readonly consumers = new Set<Consumer<T>>();
  private latest: { value: T } | undefined;
  private source: AsyncIterator<T> | undefined;
  private ended: IteratorResult<T> | { error: unknown } | undefined;

  constructor(
    private readonly start: () => AsyncIterable<T> | Promise<AsyncIterable<T>>,
    private readonly onEmpty: () => void,
  ) {}

  private async pump(): Promise<void> {
    try {
      const iterable = await this.start();
      this.source = iterable[Symbol.asyncIterator]();
      if (this.consumers.size === 0) {
        await this.source.return?.();
        return;
      }
      for (;;) {
        const next = await this.source.next();
        if (next.done) {
          this.finish({ done: true, value: undefined });
          return;
        }
        this.latest = { value: next.value };
        for (const consumer of this.consumers) consumer.push({ done: false, value: next.value });
      }
    } catch (error) {
      this.finish({ error });
    }
  }

  private finish(end: IteratorResult<T> | { error: unknown }): void {
    this.ended = end;
    for (const consumer of this.consumers) consumer.push(end);
    this.onEmpty();
  }

  async *join(): AsyncGenerator<T> {
    const consumer = new Consumer<T>();
    this.consumers.add(consumer);
    if (this.latest) consumer.push({ done: false, value: this.latest.value });
    if (this.ended) consumer.push(this.ended);
    if (this.consumers.size === 1 && !this.source && !this.ended) void this.pump();
    try {
      for (;;) {
        const item =
          consumer.queue.shift() ??
          (await new Promise<IteratorResult<T> | { error: unknown }>((resolve) => (consumer.waiter = resolve)));
        if ("error" in item) throw item.error;
        if (item.done) return;
        yield item.value;
      }
    } finally {
      this.consumers.delete(consumer);
      if (this.consumers.size === 0 && !this.ended) {
        this.ended = { done: true, value: undefined };
        this.onEmpty();
        await this.source?.return?.();
      }
    }
  }
}
