import { describe, expect, it } from "vitest";
import aliases from "../../../data/demo/rta-aliases.json" with { type: "json" };
import { cleanText, parseDateCell, parseMemberDates, parseRegions, parseStatus, splitNames } from "./parse.js";
import { aliasMap, parseExport, type Sheet } from "./rows.js";

const names = aliasMap(aliases);
const known = (n: string) => names.resolve(n) !== undefined;

describe("dates in the export", () => {
  it("reads spreadsheet dates, serial numbers and text", () => {
    expect(parseDateCell(new Date("2023-07-16T00:00:00Z"))).toEqual({ kind: "date", day: "2023-07-16" });
    // 45123 days after 1899-12-30 (the 1900 date system) is 16 July 2023.
    expect(parseDateCell(45123)).toEqual({ kind: "date", day: "2023-07-16" });
    expect(parseDateCell("45123")).toEqual({ kind: "date", day: "2023-07-16" });
    expect(parseDateCell("16-Jul-23")).toEqual({ kind: "date", day: "2023-07-16" });
    expect(parseDateCell(" 16-Jul-2023 ")).toEqual({ kind: "date", day: "2023-07-16" });
    expect(parseDateCell("19-Sept-2021")).toEqual({ kind: "date", day: "2021-09-19" });
    expect(parseDateCell("16 July 2023")).toEqual({ kind: "date", day: "2023-07-16" });
    expect(parseDateCell("2023-07-16")).toEqual({ kind: "date", day: "2023-07-16" });
    expect(parseDateCell("16/07/2023")).toEqual({ kind: "date", day: "2023-07-16" });
    // Two-digit years: the GATT's 1948 onwards are 19xx.
    expect(parseDateCell("06-Dec-48")).toEqual({ kind: "date", day: "1948-12-06" });
    expect(parseDateCell("01-Jan-05")).toEqual({ kind: "date", day: "2005-01-01" });
  });

  it("tells placeholders and nonsense from dates", () => {
    expect(parseDateCell("01-Jan-9999")).toEqual({ kind: "placeholder", text: "01-Jan-9999" });
    expect(parseDateCell(new Date("9999-01-01T00:00:00Z")).kind).toBe("placeholder");
    expect(parseDateCell(0).kind).toBe("placeholder");
    // Excel's day zero, as text.
    expect(parseDateCell("00-Jan-1900").kind).toBe("placeholder");
    expect(parseDateCell("31-Feb-2020")).toEqual({ kind: "invalid", text: "31-Feb-2020" });
    expect(parseDateCell("soon").kind).toBe("invalid");
    expect(parseDateCell("   ")).toEqual({ kind: "empty" });
    expect(parseDateCell(null)).toEqual({ kind: "empty" });
  });
});

describe("text in the export", () => {
  it("folds stray whitespace and reads statuses as written", () => {
    expect(cleanText("  EU - Japan\u00a0 ")).toBe("EU - Japan");
    expect(parseStatus("Early announcement-Signed ")).toBe("signed");
    expect(parseStatus("In force for at least one Party")).toBe("in_force_partly");
    expect(parseStatus("In Force")).toBe("in_force");
    expect(parseStatus("Dormant")).toBeNull();
    expect(parseRegions("Middle East; Central Asia ; Europe; Europe")).toEqual(["Middle East", "Central Asia", "Europe"]);
  });

  it("splits signatories on ';' and keeps names with commas whole", () => {
    expect(splitNames("Japan; Korea, Republic of; European Union", known)).toEqual(["Japan", "Korea, Republic of", "European Union"]);
  });

  it("splits a comma-separated list by the names it knows", () => {
    expect(splitNames(" China, Hong Kong, China", known)).toEqual(["China", "Hong Kong, China"]);
    expect(splitNames(" Korea, Republic of, European Free Trade Association (EFTA)", known)).toEqual(["Korea, Republic of", "European Free Trade Association (EFTA)"]);
    expect(splitNames("Argentina, Bolivia, Plurinational State of, Brazil, Venezuela, Bolivarian Republic of", known)).toEqual([
      "Argentina",
      "Bolivia, Plurinational State of",
      "Brazil",
      "Venezuela, Bolivarian Republic of",
    ]);
    // An unknown name stays a piece of its own, so it can be reported.
    expect(splitNames("Chile, Atlantis, Peru", known)).toEqual(["Chile", "Atlantis", "Peru"]);
  });

  it("reads specific entry and exit dates, placeholders as 'not yet'", () => {
    const { items, problems } = parseMemberDates(
      "Kosovo (under UNSC res. 1244)(26-Jul-2007 - ); Canada(01-Jan-9999 - ); United Kingdom( - 31-Dec-2020); Finland(01-Jan-1986 - 31-Dec-1994); Nowhere",
    );
    expect(items).toEqual([
      { name: "Kosovo (under UNSC res. 1244)", entryOn: "2007-07-26", lastDay: null, pending: false },
      { name: "Canada", entryOn: null, lastDay: null, pending: true },
      { name: "United Kingdom", entryOn: null, lastDay: "2020-12-31", pending: false },
      { name: "Finland", entryOn: "1986-01-01", lastDay: "1994-12-31", pending: false },
    ]);
    expect(problems).toEqual(["Nowhere"]);
  });
});

const HEADER = [
  "RTA ID", "RTA Name", "Coverage", "Type", "Notification", "Status", "Date of Signature (G)", "Date of Signature (S)",
  "Date of Notification (G)", "Date of Notification (S)", "Date of Entry into Force (G)", "Date of Entry into Force (S)",
  "Inactive Date", "Accession?", "RTA Composition", "Region", "Cross-regional", "All Parties WTO members?",
  "Current signatories", "Original signatories", "Specific Entry/Exit dates", "Remarks",
];
const row = (number: number, values: Partial<Record<(typeof HEADER)[number], unknown>>) => ({ number, cells: HEADER.map((h) => values[h] ?? null) });

describe("rows of the export", () => {
  it("turn into agreements, and every problem names its row and column", () => {
    const sheet: Sheet = {
      header: HEADER,
      rows: [
        row(2, { "RTA ID": 836, "RTA Name": " EU - Japan ", Coverage: "Goods & Services", Type: "FTA & EIA", Status: "In Force", "Date of Signature (G)": "17-Jul-18", "Date of Entry into Force (G)": 43497, "Current signatories": "Japan; European Union", "Specific Entry/Exit dates": "United Kingdom( - 31-Dec-2020)", "Accession?": "No" }),
        row(3, { "RTA ID": 999, "RTA Name": "Atlantis - Chile", Status: "In Force", "Current signatories": "Atlantis; Chile", "Date of Signature (G)": "31-Feb-2020" }),
        row(4, {}),
        row(5, { "RTA ID": 836, "RTA Name": "again", Status: "In Force" }),
      ],
    };
    const parsed = parseExport(sheet, undefined, names);
    expect(parsed.rowsRead).toBe(3);
    expect(parsed.agreements).toHaveLength(1);
    const eu = parsed.agreements[0];
    expect(eu).toMatchObject({ rtaId: 836, name: "EU - Japan", coverage: "goods_services", type: "FTA & EIA", status: "in_force", signedGoods: "2018-07-17", inForceGoods: "2019-02-01" });
    expect(eu?.parties.map((p) => [p.party, p.kind])).toEqual([["JP", "economy"], ["EU", "bloc"]]);
    expect(eu?.memberDates).toEqual([{ economy: "GB", entryOn: null, lastDay: "2020-12-31", pending: false }]);
    expect(parsed.rejected).toEqual([
      { sheet: "AllRTAs", row: 3, rtaId: 999, column: "Date of Signature (G)", text: "31-Feb-2020", problem: "invalid_date" },
      { sheet: "AllRTAs", row: 3, rtaId: 999, column: "Current signatories", text: "Atlantis", problem: "unknown_name" },
      { sheet: "AllRTAs", row: 5, rtaId: 836, column: "RTA ID", text: "836 (row 2)", problem: "repeated_id" },
    ].sort((a, b) => a.row - b.row || (a.column === "Current signatories" ? -1 : 1)));
  });
});
