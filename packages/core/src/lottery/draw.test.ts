import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { drawSeed, entryList, entryListHash, fromHex, newEntryCode, rankEntries, seedCommitment, toHex } from "./draw.ts";
import { nodeHashes } from "./testing/node-hashes.ts";

const secret = new Uint8Array(32).map((_, i) => i); // 00 01 02 … 1f

describe("commitment", () => {
  it("is the lowercase hex SHA-256 of the 32 raw secret bytes", () => {
    expect(seedCommitment(nodeHashes, new Uint8Array(32))).toBe("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
    expect(seedCommitment(nodeHashes, secret)).toBe(createHash("sha256").update(Buffer.from(secret)).digest("hex"));
  });
});

describe("entry list", () => {
  it("sorts the codes bytewise and ends every line, the last one too, with a line feed", () => {
    expect(entryList(["B-2", "A-10", "A-9", "A-1"])).toEqual({ ok: true, value: "A-1\nA-10\nA-9\nB-2\n" });
  });
  it("is empty bytes for no entries, whose hash is SHA-256 of nothing", () => {
    expect(entryList([])).toEqual({ ok: true, value: "" });
    expect(entryListHash(nodeHashes, "")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
  it("hashes exactly the list's bytes", () => {
    expect(entryListHash(nodeHashes, "A-1\nB-2\n")).toBe(createHash("sha256").update("A-1\nB-2\n", "utf8").digest("hex"));
  });
  it("refuses lower-case, spaces, empty and duplicate codes", () => {
    expect(entryList(["ab"])).toEqual({ ok: false, error: { type: "INVALID_ENTRY_CODE", entryCode: "ab" } });
    expect(entryList(["A B"]).ok).toBe(false);
    expect(entryList([""]).ok).toBe(false);
    expect(entryList(["X1", "X1"])).toEqual({ ok: false, error: { type: "DUPLICATE_ENTRY_CODE", entryCode: "X1" } });
  });
});

describe("draw seed", () => {
  it("hashes secret bytes, then the 32 raw bytes of the entry-list hash, then the beacon's UTF-8", () => {
    const listHash = entryListHash(nodeHashes, "A-1\n");
    const expected = createHash("sha256")
      .update(Buffer.from(secret))
      .update(Buffer.from(listHash, "hex"))
      .update("Lotto 6aus49 2026-07-04: 3 11 19 27 38 45 Superzahl 7 – Ziehung", "utf8")
      .digest("hex");
    expect(toHex(drawSeed(nodeHashes, secret, listHash, "Lotto 6aus49 2026-07-04: 3 11 19 27 38 45 Superzahl 7 – Ziehung"))).toBe(expected);
  });
  it("without a beacon is SHA-256(secret ‖ entryListHash) alone", () => {
    const listHash = entryListHash(nodeHashes, "");
    const expected = createHash("sha256").update(Buffer.from(secret)).update(Buffer.from(listHash, "hex")).digest("hex");
    expect(toHex(drawSeed(nodeHashes, secret, listHash, ""))).toBe(expected);
  });
});

describe("ranking", () => {
  const seed = fromHex("5f".repeat(32)) as Uint8Array;
  it("orders by the HMAC of each code under the seed, rank 1 smallest", () => {
    const ranked = rankEntries(nodeHashes, seed, ["C", "A", "B"]);
    const tickets = ranked.map((r) => r.ticket);
    expect([...tickets].sort()).toEqual(tickets);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3]);
    for (const r of ranked) expect(r.ticket).toBe(toHex(nodeHashes.hmacSha256(seed, new TextEncoder().encode(r.entryCode))));
  });
  it("does not depend on the order the entries arrive in", () => {
    const codes = Array.from({ length: 200 }, (_, i) => `E${i}`);
    const forward = rankEntries(nodeHashes, seed, codes);
    const backward = rankEntries(nodeHashes, seed, [...codes].reverse());
    expect(backward).toEqual(forward);
  });
  it("changes completely with another seed", () => {
    const codes = Array.from({ length: 50 }, (_, i) => `E${i}`);
    const other = fromHex("60".repeat(32)) as Uint8Array;
    expect(rankEntries(nodeHashes, other, codes).map((r) => r.entryCode)).not.toEqual(rankEntries(nodeHashes, seed, codes).map((r) => r.entryCode));
  });
});

describe("hex", () => {
  it("round-trips and refuses odd or non-hex input", () => {
    expect(toHex(fromHex("00ff10") as Uint8Array)).toBe("00ff10");
    expect(fromHex("abc")).toBeNull();
    expect(fromHex("zz")).toBeNull();
  });
});

describe("entry codes", () => {
  it("are TV- and two groups of five Crockford characters, valid in the entry list", () => {
    const code = newEntryCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7]));
    expect(code).toMatch(/^TV-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(entryList([code]).ok).toBe(true);
    expect(newEntryCode(new Uint8Array(7).fill(255))).not.toBe(code);
  });
});
