import { describe, expect, it } from "vitest";
import { Multicast } from "./multicast.ts";

/** A source we push values into by hand, recording whether it was started and closed. */
function manualSource<T>() {
  const pending: ((r: IteratorResult<T>) => void)[] = [];
  const buffered: T[] = [];
  const state = { starts: 0, closed: false };
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => ({
      next: () =>
        buffered.length
          ? Promise.resolve({ done: false, value: buffered.shift()! })
          : new Promise<IteratorResult<T>>((resolve) => pending.push(resolve)),
      return: async () => {
        state.closed = true;
        for (const resolve of pending.splice(0)) resolve({ done: true, value: undefined });
        return { done: true, value: undefined };
      },
    }),
  };
  return {
    state,
    start: () => {
      state.starts++;
      return iterable;
    },
    emit(value: T) {
      const resolve = pending.shift();
      if (resolve) resolve({ done: false, value });
      else buffered.push(value);
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("Multicast", () => {
  it("starts one source for many consumers and gives each every value", async () => {
    const hub = new Multicast<number>();
    const source = manualSource<number>();
    const a = hub.subscribe("k", source.start);
    const b = hub.subscribe("k", source.start);
    const firstA = a.next();
    const firstB = b.next();
    await tick();
    source.emit(1);
    expect(await firstA).toEqual({ done: false, value: 1 });
    expect(await firstB).toEqual({ done: false, value: 1 });
    expect(source.state.starts).toBe(1);
    await a.return(undefined);
    await b.return(undefined);
  });

  it("gives a late joiner the latest state at once, and closes the source when the last consumer leaves", async () => {
    const hub = new Multicast<string>();
    const source = manualSource<string>();
    const a = hub.subscribe("k", source.start);
    const first = a.next();
    await tick();
    source.emit("state-1");
    await first;
    const late = hub.subscribe("k", source.start);
    expect(await late.next()).toEqual({ done: false, value: "state-1" });
    await a.return(undefined);
    expect(source.state.closed).toBe(false);
    await late.return(undefined);
    expect(source.state.closed).toBe(true);
    expect(hub.size).toBe(0);
  });

  it("keeps different keys apart", async () => {
    const hub = new Multicast<number>();
    const one = manualSource<number>();
    const two = manualSource<number>();
    const a = hub.subscribe("one", one.start);
    const b = hub.subscribe("two", two.start);
    const nextA = a.next();
    const nextB = b.next();
    await tick();
    one.emit(1);
    two.emit(2);
    expect((await nextA).value).toBe(1);
    expect((await nextB).value).toBe(2);
    expect(one.state.starts + two.state.starts).toBe(2);
    await a.return(undefined);
    await b.return(undefined);
  });

  it("passes a source error to every consumer", async () => {
    const hub = new Multicast<number>();
    const failing = () => {
      throw new Error("boom");
    };
    const a = hub.subscribe("k", failing);
    await expect(a.next()).rejects.toThrow("boom");
  });
});
