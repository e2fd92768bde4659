import { describe, expect, it } from "vitest";
import { canonicalOf, documentPath, prefixKeyOf, readSymbol, sortKeyOf } from "./symbol.js";

describe("the registry's reading of WTO symbols (over src/symbols)", () => {
  it("gives the canonical form, the part a document is filed under and its address", () => {
    expect(canonicalOf("inf/msme/w/35/corr.1")).toBe("INF/MSME/W/35/Corr.1");
    expect(canonicalOf("wt/min(17)/58/rev.1")).toBe("WT/MIN(17)/58/Rev.1");
    const joint = readSymbol("INF/MSME/W/58 - INF/TGE/COM/11");
    expect(joint.ok && joint.symbol).toMatchObject({ canonical: "INF/MSME/W/58 – INF/TGE/COM/11", filedAs: "INF/MSME/W/58", path: "INF/MSME/W/58", parts: { joint: "INF/TGE/COM/11" } });
    expect(documentPath("WT/MIN(17)/58/Rev.1")).toBe("/documents/WT/MIN(17)/58/Rev.1");
  });

  it("names the series, the number, the parts and what a revision revises", () => {
    const read = readSymbol("INF/MSME/W/6/Rev.3");
    expect(read.ok && read.symbol).toMatchObject({ series: "INF/MSME/W", number: 6, base: "INF/MSME/W/6", parts: { body: "INF/MSME", type: "W", number: 6, suffixes: [{ kind: "Rev", n: 3 }] } });
    const corr = readSymbol("INF/MSME/W/6/Rev.3/Corr.1");
    expect(corr.ok && corr.symbol.base).toBe("INF/MSME/W/6/Rev.3");
    const addendum = readSymbol("WT/TPR/M/425/Add.1");
    expect(addendum.ok && addendum.symbol.base).toBe("WT/TPR/M/425/Add.1");
    const plain = readSymbol("JOB/GC/207");
    expect(plain.ok && plain.symbol).toMatchObject({ series: "JOB/GC", base: "JOB/GC/207", parts: { type: null } });
  });

  it("says which part is wrong, with the library's message", () => {
    const read = readSymbol("INF/MSME/W");
    expect(read.ok ? null : read.problem).toMatchObject({ part: "number", message: "symbols.number.missing" });
  });

  it("sorts numbers as people count them and matches prefixes part by part", () => {
    expect(sortKeyOf("INF/MSME/W/6") < sortKeyOf("INF/MSME/W/35")).toBe(true);
    expect(prefixKeyOf("inf/msme/w/6")).toBe("inf/msme/w/000006");
    expect(sortKeyOf("INF/MSME/W/60").startsWith(prefixKeyOf("INF/MSME/W/6") ?? "")).toBe(false);
    expect(sortKeyOf("INF/MSME/W/6/Rev.3").startsWith(prefixKeyOf("INF/MSME/W/6") ?? "")).toBe(true);
    expect(prefixKeyOf(" INF/MSME/ ")).toBe("inf/msme");
  });
});
