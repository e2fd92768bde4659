import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { spreadsheetCsv } from "./csv.js";

describe("spreadsheetCsv", () => {
  it("starts with a byte-order mark and quotes what needs quoting", () => {
    const csv = spreadsheetCsv(["name", "note"], [["Côte d'Ivoire", 'says "hi", twice']]);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(parse(csv.slice(1))).toEqual([["name", "note"], ["Côte d'Ivoire", 'says "hi", twice']]);
  });
  it("defuses cells a spreadsheet would run as formulas, and leaves numbers alone", () => {
    const csv = spreadsheetCsv(["a"], [["=HYPERLINK(\"http://evil\")"], ["+1"], ["-2+3"], ["@SUM(A1)"], ["\tx"], [42], [null]]);
    expect(parse(csv.slice(1)).map((r: string[]) => r[0])).toEqual(["a", "'=HYPERLINK(\"http://evil\")", "'+1", "'-2+3", "'@SUM(A1)", "'\tx", "42", ""]);
  });
});
