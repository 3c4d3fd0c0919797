import { SMTPServer } from "smtp-server";

/** An SMTP server that only counts: the Message-ID of every message it accepted, in order. */
export interface SmtpSink {
  readonly url: string;
  /** Message-IDs of accepted messages (a repeated delivery appears twice). */
  readonly accepted: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that accepts everything and keeps only Message-IDs —
 * fast enough to measure the sender (the parsing test server is the bottleneck at ~17/s).
 * `delayMs` holds each message before the 250 reply, so mails are in flight.
 */
export async function startSmtpSink(options: { delayMs?: number } = {}): Promise<SmtpSink> {
  const accepted: string[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 100,
    size: 1024 * 1024,
    onData(stream, _session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString("latin1");
      });
      stream.on("error", callback);
      stream.on("end", () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? "(none)";
        setTimeout(() => {
          accepted.push(id);
          callback();
        }, options.delayMs ?? 0);
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
