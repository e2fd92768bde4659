import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { check } from "../http/validation.js";
import { loadCatalogue } from "../i18n/catalogue.js";
import { LANGS } from "../i18n/lang.js";
import {
  BODIES,
  baseOf,
  canonicalSymbol,
  findSymbols,
  formatPart,
  formatSymbol,
  parseSymbol,
  revises,
  revisionOrder,
  SERIES,
  SUFFIX_KINDS,
  type SymbolPart,
  type SymbolProblemPart,
  symbolPath,
  type WtoSymbol,
  WtoSymbolText,
} from "./index.js";

const parsed = (text: string): WtoSymbol => {
  const result = parseSymbol(text);
  if (!result.ok) throw new Error(`${text}: ${JSON.stringify(result.problem)}`);
  return result.symbol;
};
const problemOf = (text: string) => {
  const result = parseSymbol(text);
  return result.ok ? null : result.problem;
};

describe("the symbols the Group's records use", () => {
  const table: [string, Omit<SymbolPart, "suffixes"> & { suffixes?: SymbolPart["suffixes"] }][] = [
    ["INF/MSME/CN/15", { body: ["INF", "MSME"], series: "CN", number: 15 }],
    ["INF/MSME/R/31", { body: ["INF", "MSME"], series: "R", number: 31 }],
    ["INF/MSME/W/36", { body: ["INF", "MSME"], series: "W", number: 36 }],
    ["INF/MSME/P/2", { body: ["INF", "MSME"], series: "P", number: 2 }],
    ["INF/MSME/4/Rev.2", { body: ["INF", "MSME"], series: null, number: 4, suffixes: [{ kind: "Rev", number: 2 }] }],
    ["INF/MSME/W/35/Corr.1", { body: ["INF", "MSME"], series: "W", number: 35, suffixes: [{ kind: "Corr", number: 1 }] }],
    ["INF/MSME/W/6/Rev.3", { body: ["INF", "MSME"], series: "W", number: 6, suffixes: [{ kind: "Rev", number: 3 }] }],
    ["WT/MIN(17)/58/Rev.1", { body: ["WT", "MIN(17)"], series: null, number: 58, suffixes: [{ kind: "Rev", number: 1 }] }],
    ["WT/MIN(22)/4", { body: ["WT", "MIN(22)"], series: null, number: 4 }],
    ["WT/MIN(21)/1", { body: ["WT", "MIN(21)"], series: null, number: 1 }],
    ["JOB/GC/207", { body: ["JOB", "GC"], series: null, number: 207 }],
    ["G/TFA/2", { body: ["G", "TFA"], series: null, number: 2 }],
    ["WT/TPR/S/425", { body: ["WT", "TPR"], series: "S", number: 425 }],
    ["WT/TPR/G/425", { body: ["WT", "TPR"], series: "G", number: 425 }],
    ["WT/TPR/M/425/Add.1", { body: ["WT", "TPR"], series: "M", number: 425, suffixes: [{ kind: "Add", number: 1 }] }],
    ["INF/MSME/R/13/Rev.1", { body: ["INF", "MSME"], series: "R", number: 13, suffixes: [{ kind: "Rev", number: 1 }] }],
    ["INF/MSME/W/6/Rev.3/Corr.1", { body: ["INF", "MSME"], series: "W", number: 6, suffixes: [{ kind: "Rev", number: 3 }, { kind: "Corr", number: 1 }] }],
    ["WT/TPR/M/425/Add.1/Rev.1", { body: ["WT", "TPR"], series: "M", number: 425, suffixes: [{ kind: "Add", number: 1 }, { kind: "Rev", number: 1 }] }],
    ["INF/MSME/W/12/Suppl.1", { body: ["INF", "MSME"], series: "W", number: 12, suffixes: [{ kind: "Suppl", number: 1 }] }],
  ];
  it.each(table)("reads %s into its parts and writes it back unchanged", (text, part) => {
    expect(parsed(text)).toEqual({ parts: [{ suffixes: [], ...part }] });
    expect(formatSymbol(parsed(text))).toBe(text);
  });

  it("reads a joint symbol with either dash as a list of parts, written with an en dash", () => {
    for (const text of ["INF/MSME/W/58 – INF/TGE/COM/11", "INF/MSME/W/58 - INF/TGE/COM/11", "INF/MSME/W/58–INF/TGE/COM/11", "INF/MSME/W/58 — INF/TGE/COM/11"]) {
      const symbol = parsed(text);
      expect(symbol.parts.map(formatPart)).toEqual(["INF/MSME/W/58", "INF/TGE/COM/11"]);
      expect(formatSymbol(symbol)).toBe("INF/MSME/W/58 – INF/TGE/COM/11");
    }
    expect(parsed("INF/MSME/W/58 – INF/TGE/COM/11").parts[1]).toEqual({ body: ["INF", "TGE"], series: "COM", number: 11, suffixes: [] });
  });

  it("reads bodies it does not know, as long as they are upper-case segments", () => {
    // The series is only ever the segment right before the number, and one the platform knows.
    expect(parsed("G/TBT/N/USA/1234").parts[0]).toMatchObject({ body: ["G", "TBT", "N", "USA"], series: null, number: 1234 });
    expect(parsed("WT/DS123/R/1")).toMatchObject({ parts: [{ body: ["WT", "DS123"], series: "R", number: 1 }] });
    expect(canonicalSymbol("XYZ/Q/7")).toBe("XYZ/Q/7");
  });

  it("is tolerant on input and strict on output", () => {
    expect(canonicalSymbol("  inf/msme/w/6/rev.3 ")).toBe("INF/MSME/W/6/Rev.3");
    expect(canonicalSymbol("INF / MSME / W / 6 / Rev 3")).toBe("INF/MSME/W/6/Rev.3");
    expect(canonicalSymbol("INF/MSME/W/35/CORR.1")).toBe("INF/MSME/W/35/Corr.1");
    expect(canonicalSymbol("wt/min(17)/58/rev1")).toBe("WT/MIN(17)/58/Rev.1");
    expect(canonicalSymbol("INF/MSME/W/036/Add. 2")).toBe("INF/MSME/W/36/Add.2");
    expect(canonicalSymbol("WT/TPR/M/425/suppl.1")).toBe("WT/TPR/M/425/Suppl.1");
  });

  it("says which part is wrong, and where", () => {
    const cases: [string, SymbolProblemPart, number, string][] = [
      ["", "empty", 0, "symbols.empty"],
      ["   ", "empty", 0, "symbols.empty"],
      [`INF/MSME/W/${"1".repeat(300)}`, "length", 200, "symbols.length"],
      ["36/Rev.1", "body", 0, "symbols.body.missing"],
      ["INF//W/36", "body", 4, "symbols.body.emptySegment"],
      ["IN$F/MSME/W/36", "body", 0, "symbols.body.invalid"],
      ["WT/MIN(1)/4", "body", 3, "symbols.body.invalid"],
      ["INF/MSME/W$/36", "series", 9, "symbols.series.invalid"],
      ["INF/MSME/W", "number", 10, "symbols.number.missing"],
      ["INF/MSME/W/Rev.1", "number", 11, "symbols.number.missing"],
      ["INF/MSME/W/3a", "number", 11, "symbols.number.invalid"],
      ["INF/MSME/W/0", "number", 11, "symbols.number.invalid"],
      ["INF/MSME/W/36/Foo.1", "suffix", 14, "symbols.suffix.unknown"],
      ["INF/MSME/W/36/2", "suffix", 14, "symbols.suffix.unknown"],
      ["INF/MSME/W/36/", "suffix", 14, "symbols.suffix.empty"],
      ["INF/MSME/W/36/Rev.0", "suffix", 14, "symbols.suffix.invalidNumber"],
      ["INF/MSME/W/36/Rev.1/Rev.2", "suffix", 20, "symbols.suffix.repeated"],
      ["INF/MSME/W/58 – ", "joint", 16, "symbols.joint.emptyPart"],
      ["INF/MSME/W/58 –  – INF/TGE/COM/11", "joint", 17, "symbols.joint.emptyPart"],
      ["INF/MSME/W/58 – INF/MSME/W/58", "joint", 16, "symbols.joint.repeated"],
      ["G/C/1 – G/C/2 – G/C/3 – G/C/4 – G/C/5", "joint", 32, "symbols.joint.tooMany"],
      ["INF/MSME/W/58 – INF/TGE/COM/1x", "number", 28, "symbols.number.invalid"],
    ];
    for (const [text, part, at, message] of cases) expect({ text, problem: problemOf(text) }).toEqual({ text, problem: { part, at, message } });
  });

  it("has every problem's message in English, French and Spanish", () => {
    const catalogue = loadCatalogue();
    const keys = [...catalogue.en.keys()].filter((k) => k.startsWith("symbols."));
    expect(keys.length).toBeGreaterThanOrEqual(15);
    for (const lang of LANGS) for (const key of keys) expect(catalogue[lang].get(key), `${lang} ${key}`).toBeTruthy();
    expect(catalogue.fr.get("symbols.series.invalid")).toContain("série");
    expect(catalogue.es.get("symbols.number.missing")).toContain("número");
  });
});

describe("revision chains", () => {
  const text = (s: WtoSymbol | null) => (s ? formatSymbol(s) : null);
  it("links a revision to the base and a corrigendum to what it corrects", () => {
    expect(text(revises(parsed("INF/MSME/W/6/Rev.3")))).toBe("INF/MSME/W/6");
    expect(text(revises(parsed("INF/MSME/W/35/Corr.1")))).toBe("INF/MSME/W/35");
    expect(text(revises(parsed("INF/MSME/W/6/Rev.3/Corr.1")))).toBe("INF/MSME/W/6/Rev.3");
    expect(text(revises(parsed("WT/TPR/M/425/Add.1/Rev.1")))).toBe("WT/TPR/M/425/Add.1");
    expect(revises(parsed("WT/TPR/M/425/Add.1"))).toBeNull();
    expect(revises(parsed("INF/MSME/W/36"))).toBeNull();
    expect(text(baseOf(parsed("INF/MSME/W/6/Rev.3/Corr.1")))).toBe("INF/MSME/W/6");
    expect(text(baseOf(parsed("WT/TPR/M/425/Add.1/Rev.1")))).toBe("WT/TPR/M/425/Add.1");
  });

  it("sorts a chain latest first, each chain together", () => {
    const list = ["INF/MSME/W/6", "INF/MSME/W/6/Rev.2", "INF/MSME/W/35", "INF/MSME/W/6/Rev.3/Corr.1", "INF/MSME/W/6/Corr.1", "INF/MSME/W/6/Rev.3", "INF/MSME/W/35/Corr.1"];
    expect(list.map(parsed).sort(revisionOrder).map(formatSymbol)).toEqual([
      "INF/MSME/W/35/Corr.1",
      "INF/MSME/W/35",
      "INF/MSME/W/6/Rev.3/Corr.1",
      "INF/MSME/W/6/Rev.3",
      "INF/MSME/W/6/Rev.2",
      "INF/MSME/W/6/Corr.1",
      "INF/MSME/W/6",
    ]);
  });
});

describe("a symbol field", () => {
  it("gives the canonical text, or the message key naming the part", () => {
    expect(WtoSymbolText.parse(" inf/msme/w/35/corr.1")).toBe("INF/MSME/W/35/Corr.1");
    const result = WtoSymbolText.safeParse("INF/MSME/W/36/Foo.1");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("symbols.suffix.unknown");
  });

  it("reaches a form as the field's problem with that key, so the page says which part is wrong", () => {
    expect(check(z.object({ symbol: WtoSymbolText }), { symbol: "INF/MSME/W" })).toEqual({
      ok: false,
      problems: [{ field: "symbol", message: "symbols.number.missing" }],
    });
  });
});

describe("paths", () => {
  it("keeps the slashes and encodes each segment; a joint symbol is filed under its first part", () => {
    expect(symbolPath(parsed("WT/MIN(17)/58/Rev.1"))).toBe("WT/MIN(17)/58/Rev.1");
    expect(symbolPath(parsed("INF/MSME/W/58 – INF/TGE/COM/11"))).toBe("INF/MSME/W/58");
  });
});

// ---- properties -------------------------------------------------------------------------------

const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const upperSegment = fc
  .tuple(fc.constantFrom(...letters), fc.stringMatching(/^[A-Z0-9]{0,5}$/))
  .map(([a, b]) => a + b)
  .filter((s) => !SERIES.has(s) && !/^(REV|CORR|ADD|SUPPL)\d/.test(s));
const knownBody = fc
  .tuple(fc.constantFrom(...BODIES), fc.integer({ min: 0, max: 99 }))
  .map(([body, n]) => body.replace("(nn)", `(${String(n).padStart(2, "0")})`).split("/"));
const unknownBody = fc.array(upperSegment, { minLength: 1, maxLength: 3 });
const suffixes = fc
  .shuffledSubarray([...SUFFIX_KINDS])
  .chain((kinds) => fc.tuple(...kinds.map((kind) => fc.integer({ min: 1, max: 999 }).map((number) => ({ kind, number })))));
const partOf = (body: fc.Arbitrary<string[]>) =>
  fc.record({
    body,
    series: fc.option(fc.constantFrom(...SERIES), { nil: null }),
    number: fc.integer({ min: 1, max: 999_999 }),
    suffixes,
  }) as fc.Arbitrary<SymbolPart>;
const jointOf = (part: fc.Arbitrary<SymbolPart>) =>
  fc
    .uniqueArray(part, { minLength: 1, maxLength: 3, selector: formatPart })
    .map((parts) => ({ parts: parts as WtoSymbol["parts"] }));
const anySymbol = jointOf(partOf(fc.oneof(knownBody, unknownBody)));
const knownSymbol = jointOf(partOf(knownBody));

/** The same symbol written the sloppy ways people type it. */
const sloppy = (symbol: WtoSymbol) =>
  fc
    .record({
      lower: fc.boolean(),
      spaces: fc.constantFrom("", " "),
      suffix: fc.constantFrom((k: string, n: number) => `${k}.${n}`, (k: string, n: number) => `${k.toUpperCase()} ${n}`, (k: string, n: number) => `${k.toLowerCase()}${n}`, (k: string, n: number) => `${k}. ${n}`),
      dash: fc.constantFrom(" – ", "–", " - ", " — "),
    })
    .map(({ lower, spaces, suffix, dash }) =>
      symbol.parts
        .map((p) => {
          const head = [...p.body, ...(p.series ? [p.series] : []), String(p.number)].map((s) => (lower ? s.toLowerCase() : s));
          return [...head, ...p.suffixes.map((s) => suffix(s.kind, s.number))].join(`${spaces}/${spaces}`);
        })
        .join(dash),
    );

describe("properties", () => {
  it("format then parse gives the symbol back", () => {
    fc.assert(fc.property(anySymbol, (symbol) => {
      expect(parsed(formatSymbol(symbol))).toEqual(symbol);
    }));
  });

  it("any tolerated spelling reads as the same symbol", () => {
    const written = anySymbol.chain((s) => fc.tuple(fc.constant(s), sloppy(s))).filter(([, text]) => text.length <= 200);
    fc.assert(fc.property(written, ([symbol, text]) => {
      expect(canonicalSymbol(text)).toBe(formatSymbol(symbol));
    }));
  });

  it("parse(format(parse(x))) is parse(x) for any text that parses", () => {
    const symbolish = fc.string({ unit: fc.constantFrom(..."AIMNSWGTFR/0123456789().– -Rev".split("")), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(symbolish, anySymbol.map(formatSymbol)), (text) => {
        const first = parseSymbol(text);
        if (!first.ok) return;
        expect(parsed(formatSymbol(first.symbol))).toEqual(first.symbol);
      }),
      { numRuns: 500 },
    );
  });

  it("a broken part is named as the part that is wrong", () => {
    const withSeries = partOf(fc.oneof(knownBody, unknownBody)).filter((p) => p.series !== null && p.body.length >= 2);
    const m = (text: string, part: SymbolProblemPart): [string, SymbolProblemPart] => [text, part];
    const mutated = fc.oneof(
      // body: the first segment broken or missing
      fc.tuple(partOf(fc.oneof(knownBody, unknownBody)), fc.constantFrom("A$", "É", "", "A B", "A(1)")).map(([p, bad]) => m(formatPart({ ...p, body: [bad, ...p.body.slice(1)] }), "body")),
      // series: broken after a body of two segments or more
      fc.tuple(withSeries, fc.constantFrom("$", "-", "*", "(")).map(([p, bad]) => m(formatPart({ ...p, series: `${p.series}${bad}` }), "series")),
      // number: zero, too long, glued to letters, or left out
      fc.tuple(partOf(fc.oneof(knownBody, unknownBody)), fc.constantFrom("0", "0000", "1234567", "12a", "3-4", null)).map(([p, bad]) => {
        const text = formatPart(p);
        const number = `/${p.number}`;
        const at = text.indexOf(number, p.body.join("/").length);
        return m(text.slice(0, at) + (bad === null ? "" : `/${bad}`) + text.slice(at + number.length), "number");
      }),
      // suffix: unknown, unnumbered, repeated or empty
      fc.tuple(partOf(fc.oneof(knownBody, unknownBody)), fc.constantFrom("/Foo.1", "/Rev.0", "/Rev", "/", "/12", "/Corr.1/Corr.2", "/Rev.1x")).map(([p, bad]) => m(formatPart(p) + bad, "suffix")),
      // joint: a dash with nothing on one side, or the same part twice
      fc.tuple(partOf(fc.oneof(knownBody, unknownBody)), fc.constantFrom(" – ", " – ", "– ")).map(([p, dash]) => m(formatPart(p) + dash, "joint")),
      partOf(knownBody).map((p) => m(`${formatPart(p)} – ${formatPart(p)}`, "joint")),
    );
    fc.assert(fc.property(mutated, ([text, part]) => {
      expect({ text, part: problemOf(text)?.part }).toEqual({ text, part });
    }));
  });

  const word = fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/);
  const glue = fc.constantFrom(" ", ", ", " (", ") ", ". ", "; ", ": ", " “", "” ");
  const prose = fc.array(fc.tuple(word, glue).map(([w, g]) => w + g), { maxLength: 6 }).map((ws) => ws.join(""));

  it("finds every symbol mentioned in prose, where it is", () => {
    fc.assert(
      fc.property(prose, fc.array(fc.tuple(knownSymbol, prose), { minLength: 1, maxLength: 4 }), (head, rest) => {
        let text = head.length ? `${head} ` : "";
        const expected: { start: number; end: number; text: string }[] = [];
        for (const [symbol, after] of rest) {
          const written = formatSymbol(symbol);
          expected.push({ start: text.length, end: text.length + written.length, text: written });
          text += `${written} ${after}word `;
        }
        const found = findSymbols(text).map((m) => ({ start: m.start, end: m.end, text: formatSymbol(m.symbol) }));
        expect(found).toEqual(expected);
      }),
    );
  });

  it("finds nothing in prose, URLs, addresses, paths or words that merely contain a symbol", () => {
    // One part: a URL ends at a space, so the second part of a joint symbol after it is prose.
    const inside = knownSymbol.chain((s) => {
      const t = formatPart(s.parts[0]);
      return fc.constantFrom(
        `https://docs.wto.org/dol2fe/Pages/FE_Search/FE_S_S006.aspx?DataSource=Cat&query=@Symbol=${t}`,
        `http://example.org/${t}`,
        `www.wto.org/${t}/x`,
        `/en/documents/${symbolPath(s)}`,
        `q=${t}`,
        `x${t}`,
        `9${t}`,
        `${t}x`,
        `${t}/more`,
        `${t}.5`,
        `${t}@wto.org`,
        `secretariat@wto.org/${t}`,
      );
    });
    const sentence = fc.stringMatching(/^[a-z0-9 ,.;:/()'?!-]{0,80}$/);
    fc.assert(fc.property(fc.oneof(sentence, inside, fc.tuple(prose, inside, prose).map(([a, b, c]) => `${a} ${b} ${c}`)), (text) => {
      expect(findSymbols(text)).toEqual([]);
    }));
  });

  it("finds joint symbols and tolerated suffixes in running text", () => {
    const text = "Members discussed INF/MSME/W/58 – INF/TGE/COM/11 and then INF/MSME/W/6/Rev. 3, see https://docs.wto.org/INF/MSME/W/6.";
    expect(findSymbols(text).map((m) => [text.slice(m.start, m.end), formatSymbol(m.symbol)])).toEqual([
      ["INF/MSME/W/58 – INF/TGE/COM/11", "INF/MSME/W/58 – INF/TGE/COM/11"],
      ["INF/MSME/W/6/Rev. 3", "INF/MSME/W/6/Rev.3"],
    ]);
    expect(findSymbols("The ministerial decision WT/MIN(17)/58/Rev.1.")).toHaveLength(1);
    expect(findSymbols("an unknown body ABC/W/3 is not a mention")).toEqual([]);
  });
});
