import { afterEach, describe, expect, it, vi } from "vitest";
import { liveSocket, type LiveSink } from "./live-socket.ts";

/** A WebSocket that records what the client sends; the test plays the server. */
class FakeSocket {
  static all: FakeSocket[] = [];
  sent: Record<string, unknown>[] = [];
  closed?: number;
  onopen?: () => void;
  onmessage?: (event: { data: string }) => void;
  onclose?: (event: { code: number }) => void;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code: number) {
    this.closed = code;
  }
  server(message: object) {
    this.onmessage!({ data: JSON.stringify(message) });
  }
}

const sink = () => ({ next: vi.fn(), error: vi.fn(), complete: vi.fn() }) satisfies LiveSink;
const connect = () => liveSocket("ws://gateway/graphql", 2, FakeSocket as unknown as typeof WebSocket);

afterEach(() => {
  FakeSocket.all = [];
  vi.useRealTimers();
});

describe("live updates over graphql-transport-ws", () => {
  it("connects on the first subscription, subscribes after the ack, delivers results and answers pings", () => {
    const live = connect();
    expect(FakeSocket.all).toHaveLength(0);
    const days = sink();
    live.subscribe({ query: "subscription { a }" }, days);
    const ws = FakeSocket.all[0]!;
    expect([ws.url, ws.protocol]).toEqual(["ws://gateway/graphql", "graphql-transport-ws"]);
    ws.onopen!();
    expect(ws.sent).toEqual([{ type: "connection_init" }]);
    ws.server({ type: "connection_ack" });
    expect(ws.sent[1]).toEqual({ id: "1", type: "subscribe", payload: { query: "subscription { a }" } });

    const slots = sink();
    live.subscribe({ query: "subscription { b }" }, slots);
    expect(ws.sent[2]).toEqual({ id: "2", type: "subscribe", payload: { query: "subscription { b }" } });
    ws.server({ id: "2", type: "next", payload: { data: { b: 1 } } });
    expect(slots.next).toHaveBeenCalledWith({ data: { b: 1 } });
    expect(days.next).not.toHaveBeenCalled();
    ws.server({ type: "ping" });
    expect(ws.sent.at(-1)).toEqual({ type: "pong" });
    ws.server({ id: "1", type: "error", payload: [{ message: "nope" }] });
    expect(days.error).toHaveBeenCalledWith([{ message: "nope" }]);
  });

  it("completes a subscription that is no longer wanted, and closes the socket with the last one", () => {
    const live = connect();
    const stopA = live.subscribe({ query: "a" }, sink());
    const stopB = live.subscribe({ query: "b" }, sink());
    const ws = FakeSocket.all[0]!;
    ws.onopen!();
    ws.server({ type: "connection_ack" });
    stopA();
    expect(ws.sent.at(-1)).toEqual({ id: "1", type: "complete" });
    stopB();
    expect(ws.closed).toBe(1000);
    ws.onclose!({ code: 1000 });
    expect(FakeSocket.all).toHaveLength(1);
  });

  it("reconnects after a dropped connection and subscribes again; after the retries the subscriptions fail", () => {
    vi.useFakeTimers();
    const live = connect();
    const wanted = sink();
    live.subscribe({ query: "a" }, wanted);
    FakeSocket.all[0]!.onclose!({ code: 1006 });
    vi.advanceTimersByTime(4_000);
    const second = FakeSocket.all[1]!;
    second.onopen!();
    second.server({ type: "connection_ack" });
    expect(second.sent.at(-1)).toEqual({ id: "1", type: "subscribe", payload: { query: "a" } });

    for (let i = 1; i <= 3; i++) {
      FakeSocket.all[i]!.onclose!({ code: 1006 });
      vi.advanceTimersByTime(30_000);
    }
    expect(FakeSocket.all).toHaveLength(4);
    expect(wanted.error).toHaveBeenCalledOnce();
  });

  it("does not retry when the server refuses the client (4400–4498)", () => {
    vi.useFakeTimers();
    const live = connect();
    const wanted = sink();
    live.subscribe({ query: "a" }, wanted);
    FakeSocket.all[0]!.onclose!({ code: 4403 });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(wanted.error).toHaveBeenCalledWith({ code: 4403 });
  });
});
