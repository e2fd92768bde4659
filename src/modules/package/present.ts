import type { CountRow, RecordRow } from "./repo.js";
import type { Confirmation, ImplementationItem, PackageCount } from "./schema.js";

/** Exactly what leaves the server about an implementation record. */
export const confirmationOf = (row: Pick<RecordRow, "confirmed_on" | "verified_on">): Confirmation =>
  row.confirmed_on ? "confirmed" : row.verified_on ? "verified" : "reported";

export function presentRecord(row: RecordRow, names: ReadonlyMap<string, string>): ImplementationItem {
  const meeting = row.meeting_on || row.meeting_symbol ? { date: row.meeting_on, symbol: row.meeting_symbol } : null;
  return {
    id: Number(row.id),
    member: row.economy_code,
    memberName: names.get(row.economy_code) ?? row.economy_code,
    annex: row.annex,
    status: row.status,
    date: row.status_on,
    datePrecision: row.status_precision,
    evidence: { document: row.evidence_document, tpr: row.evidence_tpr, url: row.evidence_url, meeting },
    source: row.source,
    reportedBy: row.reported_by,
    reportedOn: row.reported_on,
    verifiedBy: row.verified_by,
    verifiedOn: row.verified_on,
    confirmedBy: row.confirmed_by,
    confirmedOn: row.confirmed_on,
    confirmation: confirmationOf(row),
  };
}

export const presentCount = (row: CountRow): PackageCount => ({
  annex: row.annex,
  measure: row.measure,
  count: row.count,
  asOf: row.as_of,
  asOfPrecision: row.as_of_precision,
  meetingSymbol: row.meeting_symbol,
  source: row.source,
});

/** A record as the audit trail keeps it. */
export const audited = ({ id: _, ...row }: RecordRow) => row;
