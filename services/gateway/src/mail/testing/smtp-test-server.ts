import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  raw: Buffer;
  parsed: ParsedMail;
  /** RCPT TO addresses of the SMTP envelope. */
  recipients: string[];
}

export interface TestSmtpServer {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` without TLS. */
  readonly url: string;
  /** Every message the server accepted (answered 250 to), in order. */
  readonly received: ReceivedMail[];
  /** Closes the listener and drops open connections (an outage). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (random port unless given; no TLS, no auth) that
 * keeps what it receives. A message counts as received only once it is parsed, just
 * before the 250 reply, so the client never hears "accepted" for a message the test
 * cannot see.
 */
export async function startTestSmtpServer(
  options: { port?: number; rejectRecipient?: (address: string) => boolean } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;
  let port = options.port ?? 0;

  const create = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      // Pooled client connections stay open; an outage must cut them quickly.
      closeTimeout: 100,
      onRcptTo(address, _session, callback) {
        if (options.rejectRecipient?.(address.address)) {
          const error = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", callback);
        stream.on("end", () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              received.push({ raw, parsed, recipients: session.envelope.rcptTo.map((r) => r.address) });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });

  const listen = async () => {
    const s = create();
    await new Promise<void>((resolve, reject) => {
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        s.off("error", reject);
        resolve();
      });
    });
    s.on("error", () => undefined);
    const address = s.server.address();
    if (address && typeof address === "object") port = address.port;
    server = s;
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async restart() {
      if (!server) await listen();
    },
  };
}
