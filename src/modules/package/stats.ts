import { ANNEXES, type Annex, type DatePrecision, STATUSES, type Status } from "./schema.js";

/**
 * The tracker's figures, computed from the records it shows (pure: the page, the tests and the
 * property test all use these, so a count on the page is a count of the records).
 */
export interface TrackedRecord {
  member: string;
  annex: number;
  status: Status;
  date: string | null;
  datePrecision?: DatePrecision;
}

export type AnnexTotals = Record<Annex, Record<Status, number>>;

/** Each member's status per annex (a member has at most one record per annex). */
export function matrixOf(records: readonly TrackedRecord[]): Map<string, Map<number, Status>> {
  const matrix = new Map<string, Map<number, Status>>();
  for (const r of records) {
    let row = matrix.get(r.member);
    if (!row) {
      row = new Map();
      matrix.set(r.member, row);
    }
    row.set(r.annex, r.status);
  }
  return matrix;
}

const zeroStatuses = (): Record<Status, number> => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;

/** How many records of each status each annex has. */
export function annexTotals(records: readonly TrackedRecord[]): AnnexTotals {
  const totals = Object.fromEntries(ANNEXES.map((a) => [a, zeroStatuses()])) as AnnexTotals;
  for (const r of records) {
    const annex = totals[r.annex as Annex];
    if (annex) annex[r.status] += 1;
  }
  return totals;
}

/** A calendar quarter, `2022-Q4`. */
export const quarterOf = (day: string): string => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** The quarters from the first to the last, in order (inclusive). */
export function quartersBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let year = Number(first.slice(0, 4));
  let q = Number(first.slice(6));
  const endYear = Number(last.slice(0, 4));
  const endQ = Number(last.slice(6));
  while (year < endYear || (year === endYear && q <= endQ)) {
    out.push(`${year}-Q${q}`);
    q += 1;
    if (q > 4) {
      q = 1;
      year += 1;
    }
  }
  return out;
}

export interface QuarterProgress {
  quarter: string;
  /** Records done by the end of the quarter, per annex (cumulative). */
  byAnnex: Record<Annex, number>;
  total: number;
}

/**
 * Progress over time: per quarter from the package's adoption to `until`, how many records were
 * done by the quarter's end (a record "done by" a day counts from that day's quarter). Done
 * records without a date are not placed in time.
 */
export function progressByQuarter(records: readonly TrackedRecord[], from: string, until: string): QuarterProgress[] {
  const quarters = quartersBetween(quarterOf(from), quarterOf(until));
  const firstDone = new Map<string, number[]>();
  for (const r of records) {
    if (r.status !== "done" || !r.date) continue;
    const q = quarterOf(r.date < from ? from : r.date);
    const list = firstDone.get(q) ?? [];
    list.push(r.annex);
    firstDone.set(q, list);
  }
  const running = Object.fromEntries(ANNEXES.map((a) => [a, 0])) as Record<Annex, number>;
  let total = 0;
  return quarters.map((quarter) => {
    for (const annex of firstDone.get(quarter) ?? []) {
      if (running[annex as Annex] !== undefined) {
        running[annex as Annex] += 1;
        total += 1;
      }
    }
    return { quarter, byAnnex: { ...running }, total };
  });
}
