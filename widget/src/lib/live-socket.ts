/**
 * The client side of the `graphql-transport-ws` protocol (the one the gateway's graphql-ws
 * server speaks), as much of it as the widget needs: lazy connect, subscribe/next/error/
 * complete, pong, and reconnecting with backoff that re-subscribes what is still wanted.
 * The widget only receives live updates, so this replaces the graphql-ws client (~2.8 KB
 * gzip) within the bundle budget.
 */

export interface LiveSink {
  next(value: unknown): void;
  error(error: unknown): void;
  complete(): void;
}

export interface LiveSocket {
  /** Starts a subscription (opening the socket if needed); returns its unsubscribe function. */
  subscribe(payload: object, sink: LiveSink): () => void;
  dispose(): void;
}

/**
 * @param retries - Reconnects in a row before open subscriptions fail (with the close event).
 * @param WS - The WebSocket implementation (tests pass a fake).
 */
export function liveSocket(url: string, retries = 8, WS: typeof WebSocket = WebSocket): LiveSocket {
  const wanted = new Map<string, [payload: object, sink: LiveSink]>();
  let socket: WebSocket | undefined;
  let acked = false;
  let count = 0;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = (message: object) => socket!.send(JSON.stringify(message));

  const open = () => {
    if (socket || timer) return;
    const ws = (socket = new WS(url, "graphql-transport-ws"));
    acked = false;
    ws.onopen = () => send({ type: "connection_init" });
    ws.onmessage = ({ data }) => {
      const message = JSON.parse(data as string);
      const entry = wanted.get(message.id);
      if (message.type === "connection_ack") {
        acked = true;
        failures = 0;
        for (const [id, [payload]] of wanted) send({ id, type: "subscribe", payload });
      } else if (message.type === "ping") send({ type: "pong" });
      else if (message.type === "next") entry?.[1].next(message.payload);
      else if (entry) {
        wanted.delete(message.id);
        if (message.type === "error") entry[1].error(message.payload);
        else entry[1].complete();
      }
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      acked = false;
      if (!wanted.size) return;
      // 4400–4499 are the server refusing this client (bad request, forbidden, …), except
      // 4499 (terminated, e.g. a frozen socket): retrying cannot help with those.
      // As graphql-ws: 2^n seconds plus 0.3–3 s of jitter.
      if (failures < retries && !(event.code >= 4400 && event.code < 4499)) {
        timer = setTimeout(() => {
          timer = undefined;
          open();
        }, 2 ** failures++ * 1000 + Math.random() * 2700 + 300);
      } else {
        const sinks = [...wanted.values()];
        wanted.clear();
        for (const [, sink] of sinks) sink.error(event);
      }
    };
  };

  const close = () => {
    const ws = socket;
    socket = undefined;
    acked = false;
    clearTimeout(timer);
    timer = undefined;
    ws?.close(1000);
  };

  return {
    subscribe(payload, sink) {
      const id = String(++count);
      wanted.set(id, [payload, sink]);
      open();
      if (acked) send({ id, type: "subscribe", payload });
      return () => {
        if (!wanted.delete(id)) return;
        if (!wanted.size) close();
        else if (acked) send({ id, type: "complete" });
      };
    },
    dispose() {
      wanted.clear();
      close();
    },
  };
}
