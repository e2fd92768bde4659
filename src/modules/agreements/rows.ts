/**
 * The export's rows turned into agreements, parties, member dates and changes, with every problem
 * named by its sheet, row number and column: pure, so the parser is tested without a file.
 */
import {
  type Coverage,
  cleanParagraphs,
  cleanText,
  type DateCell,
  parseCoverage,
  parseDateCell,
  parseMemberDates,
  parseRegions,
  parseStatus,
  parseYesNo,
  type Status,
  splitNames,
} from "./parse.js";

export const AGREEMENTS_SHEET = "AllRTAs";
export const CHANGES_SHEET = "RTA Changes";

/** A sheet as read: its header cells and its rows (1-based row numbers as the spreadsheet shows them). */
export interface Sheet {
  header: unknown[];
  rows: { number: number; cells: unknown[] }[];
}

export interface PartyRef {
  code: string;
  kind: "economy" | "bloc";
}

/** Maps a WTO-style name to an economy or a bloc (the alias table, data/demo/rta-aliases.json). */
export interface NameMap {
  resolve(name: string): PartyRef | undefined;
}

export interface ParsedParty {
  role: "current" | "original";
  position: number;
  party: string;
  kind: "economy" | "bloc";
  nameInFile: string;
}

export interface ParsedMemberDates {
  economy: string;
  entryOn: string | null;
  lastDay: string | null;
  pending: boolean;
}

export interface ParsedChange {
  position: number;
  parties: string;
  affects: Coverage | null;
  notifiedOn: string | null;
  signedOn: string | null;
  inForceOn: string | null;
  remarks: string | null;
}

export interface ParsedAgreement {
  rtaId: number;
  name: string;
  coverage: Coverage | null;
  type: string | null;
  notification: string | null;
  status: Status;
  signedGoods: string | null;
  signedServices: string | null;
  notifiedGoods: string | null;
  notifiedServices: string | null;
  inForceGoods: string | null;
  inForceServices: string | null;
  inactiveOn: string | null;
  accession: boolean;
  composition: string | null;
  regions: string[];
  crossRegional: boolean | null;
  allWtoMembers: boolean | null;
  remarks: string | null;
  parties: ParsedParty[];
  memberDates: ParsedMemberDates[];
  changes: ParsedChange[];
}

export interface RowProblem {
  sheet: string;
  row: number;
  rtaId?: number;
  column: string;
  /** The cell's text as written (or the name not known). */
  text: string;
  problem: "unknown_name" | "invalid_date" | "invalid_value" | "missing" | "repeated_id" | "unknown_agreement";
}

export interface ParsedExport {
  agreements: ParsedAgreement[];
  /** Rows read from the agreements sheet (not counting its header). */
  rowsRead: number;
  changesRead: number;
  /** Rows not taken: each with its problems (a rejected row is not written). */
  rejected: RowProblem[];
  /** Problems that do not stop a row (a date placeholder reported as "none", a change's party name). */
  warnings: RowProblem[];
}

/** The columns read, by the export's header text (matched ignoring case, spaces and punctuation). */
const COLUMNS = {
  rtaId: "RTA ID",
  name: "RTA Name",
  coverage: "Coverage",
  type: "Type",
  notification: "Notification",
  status: "Status",
  signedGoods: "Date of Signature (G)",
  signedServices: "Date of Signature (S)",
  notifiedGoods: "Date of Notification (G)",
  notifiedServices: "Date of Notification (S)",
  inForceGoods: "Date of Entry into Force (G)",
  inForceServices: "Date of Entry into Force (S)",
  inactiveOn: "Inactive Date",
  accession: "Accession?",
  composition: "RTA Composition",
  region: "Region",
  crossRegional: "Cross-regional",
  allWto: "All Parties WTO members?",
  current: "Current signatories",
  original: "Original signatories",
  memberDates: "Specific Entry/Exit dates",
  remarks: "Remarks",
} as const;

const CHANGE_COLUMNS = {
  rtaId: "RTA ID",
  parties: "Parties concerned",
  affects: "Changes affect",
  notifiedOn: "Date of notification of changes",
  signedOn: "Date of signature of changes",
  inForceOn: "Date of entry into force of changes",
  remarks: "Remarks",
} as const;

const headerKey = (text: unknown) => (cleanText(text) ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "");

/** Where each wanted column is (0-based); the columns missing from the header. */
export function locateColumns<K extends string>(header: unknown[], wanted: Record<K, string>): { at: Record<K, number>; missing: string[] } {
  const index = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    if (key && !index.has(key)) index.set(key, i);
  });
  const at = {} as Record<K, number>;
  const missing: string[] = [];
  for (const [key, title] of Object.entries(wanted) as [K, string][]) {
    const i = index.get(headerKey(title));
    if (i === undefined) missing.push(title);
    at[key] = i ?? -1;
  }
  return { at, missing };
}

/** Every problem of one row, and the cell readers that collect them. */
function rowReader(sheet: string, number: number, cells: unknown[], problems: RowProblem[], warnings: RowProblem[]) {
  const cell = (i: number) => (i >= 0 ? cells[i] : undefined);
  const date = (i: number, column: string): string | null => {
    const parsed: DateCell = parseDateCell(cell(i));
    if (parsed.kind === "date") return parsed.day;
    if (parsed.kind === "invalid") problems.push({ sheet, row: number, column, text: parsed.text, problem: "invalid_date" });
    if (parsed.kind === "placeholder") warnings.push({ sheet, row: number, column, text: parsed.text, problem: "invalid_date" });
    return null;
  };
  return { cell, date };
}

const TYPES = new Set(["FTA", "CU", "PSA", "EIA", "FTA & EIA", "CU & EIA", "PSA & EIA"]);

/** "fta & eia", "FTA&EIA" → "FTA & EIA"; an unknown type → undefined. */
function parseType(value: unknown): string | null | undefined {
  const text = cleanText(value);
  if (!text) return null;
  const normal = text.toUpperCase().replace(/\s*&\s*/g, " & ");
  return TYPES.has(normal) ? normal : undefined;
}

/** Reads both sheets. Names go through `names`; a row with a problem is rejected whole. */
export function parseExport(agreementsSheet: Sheet, changesSheet: Sheet | undefined, names: NameMap): ParsedExport {
  const rejected: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const agreements: ParsedAgreement[] = [];
  const { at, missing } = locateColumns(agreementsSheet.header, COLUMNS);
  if (missing.length) {
    for (const column of missing) rejected.push({ sheet: AGREEMENTS_SHEET, row: 1, column, text: "", problem: "missing" });
    return { agreements, rowsRead: agreementsSheet.rows.length, changesRead: 0, rejected, warnings };
  }
  const isKnown = (name: string) => names.resolve(name) !== undefined;
  const seen = new Map<number, number>();
  for (const { number, cells } of agreementsSheet.rows) {
    const problems: RowProblem[] = [];
    const { cell, date } = rowReader(AGREEMENTS_SHEET, number, cells, problems, warnings);
    const idText = cleanText(cell(at.rtaId));
    const rtaId = idText && /^\d+(\.0+)?$/.test(idText) ? Number.parseInt(idText, 10) : Number.NaN;
    // A row with nothing in it (a spreadsheet's trailing rows) is not a row.
    if (cells.every((c) => cleanText(c) === null)) continue;
    if (!Number.isInteger(rtaId) || rtaId <= 0 || rtaId > 2_000_000_000) {
      rejected.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS.rtaId, text: idText ?? "", problem: idText ? "invalid_value" : "missing" });
      continue;
    }
    const previous = seen.get(rtaId);
    if (previous !== undefined) {
      rejected.push({ sheet: AGREEMENTS_SHEET, row: number, rtaId, column: COLUMNS.rtaId, text: `${rtaId} (row ${previous})`, problem: "repeated_id" });
      continue;
    }
    seen.set(rtaId, number);
    const name = cleanText(cell(at.name));
    if (!name) problems.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS.name, text: "", problem: "missing" });
    const status = parseStatus(cell(at.status));
    if (!status) problems.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS.status, text: cleanText(cell(at.status)) ?? "", problem: cleanText(cell(at.status)) ? "invalid_value" : "missing" });
    const coverage = parseCoverage(cell(at.coverage));
    if (coverage === "invalid") problems.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS.coverage, text: cleanText(cell(at.coverage)) ?? "", problem: "invalid_value" });
    const type = parseType(cell(at.type));
    if (type === undefined) problems.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS.type, text: cleanText(cell(at.type)) ?? "", problem: "invalid_value" });
    const parties: ParsedParty[] = [];
    for (const role of ["current", "original"] as const) {
      const listed = splitNames(cell(at[role]), isKnown);
      const positions = new Set<string>();
      listed.forEach((nameInFile) => {
        const ref = names.resolve(nameInFile);
        if (!ref) {
          problems.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS[role], text: nameInFile, problem: "unknown_name" });
          return;
        }
        if (positions.has(ref.code)) return;
        positions.add(ref.code);
        parties.push({ role, position: positions.size, party: ref.code, kind: ref.kind, nameInFile });
      });
    }
    const memberDates: ParsedMemberDates[] = [];
    const dates = parseMemberDates(cell(at.memberDates));
    for (const text of dates.problems) problems.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS.memberDates, text, problem: "invalid_value" });
    for (const item of dates.items) {
      const ref = names.resolve(item.name);
      if (ref?.kind !== "economy") {
        problems.push({ sheet: AGREEMENTS_SHEET, row: number, column: COLUMNS.memberDates, text: item.name, problem: "unknown_name" });
        continue;
      }
      if (memberDates.some((d) => d.economy === ref?.code)) continue;
      memberDates.push({ economy: (ref as { code: string }).code, entryOn: item.entryOn, lastDay: item.lastDay, pending: item.pending });
    }
    const agreement: ParsedAgreement = {
      rtaId,
      name: name ?? "",
      coverage: coverage === "invalid" ? null : coverage,
      type: type ?? null,
      notification: cleanText(cell(at.notification)),
      status: status ?? "inactive",
      signedGoods: date(at.signedGoods, COLUMNS.signedGoods),
      signedServices: date(at.signedServices, COLUMNS.signedServices),
      notifiedGoods: date(at.notifiedGoods, COLUMNS.notifiedGoods),
      notifiedServices: date(at.notifiedServices, COLUMNS.notifiedServices),
      inForceGoods: date(at.inForceGoods, COLUMNS.inForceGoods),
      inForceServices: date(at.inForceServices, COLUMNS.inForceServices),
      inactiveOn: date(at.inactiveOn, COLUMNS.inactiveOn),
      accession: parseYesNo(cell(at.accession)) ?? false,
      composition: cleanText(cell(at.composition)),
      regions: parseRegions(cell(at.region)),
      crossRegional: parseYesNo(cell(at.crossRegional)),
      allWtoMembers: parseYesNo(cell(at.allWto)),
      remarks: cleanParagraphs(cell(at.remarks)),
      parties,
      memberDates,
      changes: [],
    };
    for (const p of problems) p.rtaId = rtaId;
    if (problems.length) rejected.push(...problems);
    else agreements.push(agreement);
  }
  let changesRead = 0;
  if (changesSheet) {
    const byId = new Map(agreements.map((a) => [a.rtaId, a]));
    const { at: c, missing: missingChanges } = locateColumns(changesSheet.header, CHANGE_COLUMNS);
    for (const column of missingChanges) warnings.push({ sheet: CHANGES_SHEET, row: 1, column, text: "", problem: "missing" });
    if (!missingChanges.length) {
      for (const { number, cells } of changesSheet.rows) {
        if (cells.every((x) => cleanText(x) === null)) continue;
        changesRead++;
        const problems: RowProblem[] = [];
        const { cell, date } = rowReader(CHANGES_SHEET, number, cells, problems, warnings);
        const idText = cleanText(cell(c.rtaId));
        const rtaId = idText && /^\d+(\.0+)?$/.test(idText) ? Number.parseInt(idText, 10) : Number.NaN;
        const agreement = byId.get(rtaId);
        if (!agreement) {
          // An agreement that is not in the first sheet, or that was rejected there.
          if (!seen.has(rtaId)) rejected.push({ sheet: CHANGES_SHEET, row: number, column: CHANGE_COLUMNS.rtaId, text: idText ?? "", problem: "unknown_agreement" });
          continue;
        }
        const parties = splitNames(cell(c.parties), isKnown);
        for (const p of parties) {
          if (!isKnown(p)) warnings.push({ sheet: CHANGES_SHEET, row: number, rtaId, column: CHANGE_COLUMNS.parties, text: p, problem: "unknown_name" });
        }
        const affects = parseCoverage(cell(c.affects));
        if (affects === "invalid") problems.push({ sheet: CHANGES_SHEET, row: number, rtaId, column: CHANGE_COLUMNS.affects, text: cleanText(cell(c.affects)) ?? "", problem: "invalid_value" });
        const change: ParsedChange = {
          position: agreement.changes.length + 1,
          parties: parties.join("; "),
          affects: affects === "invalid" ? null : affects,
          notifiedOn: date(c.notifiedOn, CHANGE_COLUMNS.notifiedOn),
          signedOn: date(c.signedOn, CHANGE_COLUMNS.signedOn),
          inForceOn: date(c.inForceOn, CHANGE_COLUMNS.inForceOn),
          remarks: cleanParagraphs(cell(c.remarks)),
        };
        for (const p of problems) p.rtaId = rtaId;
        if (problems.length) rejected.push(...problems);
        else agreement.changes.push(change);
      }
    }
  }
  return { agreements, rowsRead: agreementsSheet.rows.filter((r) => !r.cells.every((x) => cleanText(x) === null)).length, changesRead, rejected, warnings };
}

/** Folds a name for looking it up: case, accents kept (Türkiye), curly apostrophes straightened, spaces folded. */
export const nameKey = (name: string) =>
  name
    .normalize("NFC")
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .toLowerCase();

/** The alias table as a name map. */
export function aliasMap(aliases: { economies: Record<string, string>; blocs: Record<string, string> }): NameMap {
  const map = new Map<string, PartyRef>();
  for (const [name, code] of Object.entries(aliases.economies)) map.set(nameKey(name), { code, kind: "economy" });
  for (const [name, code] of Object.entries(aliases.blocs)) map.set(nameKey(name), { code, kind: "bloc" });
  return { resolve: (name) => map.get(nameKey(name)) };
}
