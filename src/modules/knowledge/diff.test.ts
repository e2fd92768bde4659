import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changed, wordDiff } from "./diff.js";

const side = (parts: ReturnType<typeof wordDiff>, which: "before" | "after") =>
  parts
    .filter((p) => p.op === "same" || p.op === (which === "before" ? "removed" : "added"))
    .map((p) => p.text)
    .join("");

describe("wordDiff", () => {
  it("marks the words added and removed, keeping the rest", () => {
    expect(wordDiff("Keep the invoices for three years.", "Keep the invoices and records for five years.")).toEqual([
      { op: "same", text: "Keep the invoices " },
      { op: "added", text: "and records " },
      { op: "same", text: "for " },
      { op: "removed", text: "three" },
      { op: "added", text: "five" },
      { op: "same", text: " years." },
    ]);
  });

  it("says nothing changed for equal texts, and everything for disjoint ones", () => {
    expect(changed(wordDiff("a b c", "a b c"))).toBe(false);
    expect(wordDiff("", "new text")).toEqual([{ op: "added", text: "new text" }]);
    expect(wordDiff("old", "")).toEqual([{ op: "removed", text: "old" }]);
  });

  it("finds a section added at the end of a guide", () => {
    const parts = wordDiff("# Q\n\n## One\n\nText.", "# Q\n\n## One\n\nText.\n\n## Two\n\nMore.");
    expect(parts).toEqual([
      { op: "same", text: "# Q\n\n## One\n\nText." },
      { op: "added", text: "\n\n## Two\n\nMore." },
    ]);
  });

  it("always gives back both texts, with as few changed words as a common subsequence allows (property)", () => {
    const word = fc.constantFrom("a", "b", "c", "tariff", "origin", " ", "\n", "  ");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 40 }), (x, y) => {
        const before = x.join("");
        const after = y.join("");
        const parts = wordDiff(before, after);
        expect(side(parts, "before")).toBe(before);
        expect(side(parts, "after")).toBe(after);
        expect(changed(parts)).toBe(before !== after);
        // Neighbouring parts never share an operation (they are merged).
        for (let i = 1; i < parts.length; i++) expect(parts[i]?.op).not.toBe(parts[i - 1]?.op);
      }),
    );
  });

  it("shows a very long rewrite as replaced instead of building a huge table", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(" ");
    const parts = wordDiff(a, b);
    expect(parts).toEqual([
      { op: "removed", text: a },
      { op: "added", text: b },
    ]);
  });
});
