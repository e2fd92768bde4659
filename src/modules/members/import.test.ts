import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMemberList } from "./import.js";
import { resolveEconomyName } from "./names.js";

const EU_STATES = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" ");
const resolver = { code: resolveEconomyName, partsOf: (code: string) => (code === "EU" ? EU_STATES : []) };
/**
 * The footnote of the 2022 annual report (INF/MSME/R/35) that lists the Group's 95 members, copied
 * as the report gives it (non-breaking spaces included) into the repository, so this test runs
 * everywhere. Where the report itself is at hand, the last test checks that the copy is faithful.
 */
const FOOTNOTE = readFileSync(new URL("./fixtures/footnote-2022.txt", import.meta.url), "utf8");
const SEED = new URL("../../../../shared/seed/000_dc82686ecbaeeb0f.txt", import.meta.url);

describe("parseMemberList", () => {
  it("reads the 2022 annual report's footnote as exactly 95 members", () => {
    const parsed = parseMemberList(FOOTNOTE, resolver);
    expect(parsed.unknown).toEqual([]);
    expect(parsed.repeated).toEqual([]);
    expect(parsed.codes).toHaveLength(95);
    for (const code of ["EU", ...EU_STATES, "UY", "VN", "TJ", "HK", "MO", "TW", "KR", "BH", "SA", "MD", "LA", "KG", "GM", "AG", "KN", "VC"]) {
      expect(parsed.codes).toContain(code);
    }
    expect(parsed.codes).not.toContain("US");
  });

  it("splits the last pair joined by 'and' but keeps names that contain 'and'", () => {
    const parsed = parseMemberList("Antigua and Barbuda; Saint Kitts and Nevis; Trinidad and Tobago and Uruguay", resolver);
    expect(parsed.codes).toEqual(["AG", "KN", "TT", "UY"]);
  });

  it("understands non-breaking spaces, inverted WTO names and French and Spanish lists", () => {
    expect(parseMemberList("Korea,\u00a0Republic of; Moldova, Republic\u202fof", resolver).codes).toEqual(["KR", "MD"]);
    expect(parseMemberList("Les membres sont : Hong Kong, Chine ; Taipei chinois et Viet Nam.", resolver).codes).toEqual(["HK", "TW", "VN"]);
    expect(parseMemberList("Unión Europea y sus 27 Estados miembros; Taipei Chino y Uruguay", resolver).codes).toHaveLength(30);
  });

  it("reports an unknown name with its position instead of dropping it", () => {
    const text = "Albania; Atlantis; Brazil and Narnia";
    const parsed = parseMemberList(text, resolver);
    expect(parsed.codes).toEqual(["AL"]);
    expect(parsed.unknown.map((u) => [u.text, u.position])).toEqual([
      ["Atlantis", 2],
      ["Brazil and Narnia", 3],
    ]);
    expect(text.slice(parsed.unknown[0]?.offset)).toMatch(/^Atlantis/);
  });

  it("notes a name listed twice", () => {
    const parsed = parseMemberList("Chile; Peru; Chile", resolver);
    expect(parsed.codes).toEqual(["CL", "PE"]);
    expect(parsed.repeated.map((r) => r.position)).toEqual([3]);
  });
});

describe("the footnote kept in the repository", () => {
  it.skipIf(!existsSync(SEED))("is the annual report's, word for word (when the report is at hand in ../shared)", () => {
    const text = readFileSync(SEED, "utf8");
    const start = text.indexOf("Members of the Informal Working Group on MSMEs are:");
    expect(start, "the report's footnote").toBeGreaterThan(-1);
    expect(text.slice(start, text.indexOf("]", start)).trim()).toBe(FOOTNOTE.trim());
    expect(parseMemberList(text.slice(start - 6, text.indexOf("]", start) + 1), resolver).codes).toEqual(parseMemberList(FOOTNOTE, resolver).codes);
  });
});
