import { describe, expect, it } from "vitest";
import { canonicalOf, prefixKeyOf, readSymbol, sortKeyOf } from "./symbol.js";

describe("readSymbol (the registry's reading of WTO symbols)", () => {
  it("gives the canonical form of what people type", () => {
    expect(canonicalOf("inf/msme/w/35/corr.1")).toBe("INF/MSME/W/35/Corr.1");
    expect(canonicalOf(" INF / MSME / 4 / REV.2 ")).toBe("INF/MSME/4/Rev.2");
    expect(canonicalOf("wt/min(17)/58/rev.1")).toBe("WT/MIN(17)/58/Rev.1");
    expect(canonicalOf("INF/MSME/W/58 - INF/TGE/COM/11")).toBe("INF/MSME/W/58 – INF/TGE/COM/11");
    expect(canonicalOf("INF/MSME/W/6/Rev.3/Corr.1")).toBe("INF/MSME/W/6/Rev.3/Corr.1");
    expect(canonicalOf("INF/MSME/R/031")).toBe("INF/MSME/R/31");
  });

  it("names the series, the number, the parts and what a revision revises", () => {
    const read = readSymbol("INF/MSME/W/6/Rev.3");
    expect(read.ok && read.symbol).toMatchObject({ series: "INF/MSME/W", number: 6, base: "INF/MSME/W/6", parts: { body: "INF/MSME", type: "W", number: 6, suffixes: [{ kind: "Rev", n: 3 }] } });
    const corr = readSymbol("INF/MSME/W/6/Rev.3/Corr.1");
    expect(corr.ok && corr.symbol.base).toBe("INF/MSME/W/6/Rev.3");
    const plain = readSymbol("JOB/GC/207");
    expect(plain.ok && plain.symbol).toMatchObject({ series: "JOB/GC", base: "JOB/GC/207", parts: { type: null } });
  });

  it("says which part is wrong", () => {
    const problem = (text: string) => {
      const read = readSymbol(text);
      return read.ok ? null : read.problem.part;
    };
    expect(problem("")).toBe("symbol");
    expect(problem("INF/MSME/W")).toBe("number");
    expect(problem("INF/MSME/W/35/Rev")).toBe("suffix");
    expect(problem("INF//W/35")).toBe("symbol");
    expect(problem("MSME/35")).toBe("body");
    expect(problem("INF/MSME/W-X/3")).toBe("type");
    expect(problem("INF/MSME/W/35/Rev.0")).toBe("suffix");
    expect(problem("../../etc/passwd")).not.toBeNull();
  });

  it("sorts numbers as people count them and matches prefixes part by part", () => {
    expect(sortKeyOf("INF/MSME/W/6") < sortKeyOf("INF/MSME/W/35")).toBe(true);
    expect(prefixKeyOf("inf/msme/w/6")).toBe("inf/msme/w/000006");
    expect(sortKeyOf("INF/MSME/W/60").startsWith(prefixKeyOf("INF/MSME/W/6") ?? "")).toBe(false);
    expect(sortKeyOf("INF/MSME/W/6/Rev.3").startsWith(prefixKeyOf("INF/MSME/W/6") ?? "")).toBe(true);
    expect(prefixKeyOf(" INF/MSME/ ")).toBe("inf/msme");
  });
});
