import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, errorFields } from "./logger.ts";

function capture() {
  const lines: string[] = [];
  let buffer = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      buffer += String(chunk);
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      lines.push(...parts);
      done();
    },
  });
  return { stream, lines };
}

describe("logger", () => {
  it("writes one JSON line per event with time, level and event", () => {
    const { stream, lines } = capture();
    const logger = createLogger("info", stream);
    logger.info("booking.confirmed", { ms: 3 });
    logger.debug("hidden", {});
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "info", event: "booking.confirmed", ms: 3 });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it("an error's stack trace stays on its line", () => {
    const { stream, lines } = capture();
    const logger = createLogger("info", stream);
    const error = new Error("boom\nsecond line");
    logger.error("process.uncaught_exception", errorFields(error));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line.stack).toMatch(/logger\.test\.ts/);
    expect(line.stack).not.toContain("\n");
    expect(line.message).toBe("boom\nsecond line");
  });

  it("silent writes nothing", () => {
    const { stream, lines } = capture();
    createLogger("silent", stream).error("x", {});
    expect(lines).toHaveLength(0);
  });
});
