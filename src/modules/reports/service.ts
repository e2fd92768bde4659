import { readFile } from "node:fs/promises";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, type StoredText } from "../../i18n/content.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import { type Change, recordChanges } from "../audit/service.js";
import { createDocument, documentExists } from "../documents/service.js";
import { meetingYears } from "../meetings/service.js";
import { draftReport, type ReportDraft } from "./draft.js";
import { authorizeReports, mayReports } from "./policy.js";
import * as repo from "./repo.js";
import { AdoptionInput, Narrative, ReportYear, SECTIONS, type SectionKey } from "./schema.js";

export { plainText, type ReportDraft } from "./draft.js";
export { FORMATS, type ReportFormat, SECTIONS, type SectionKey } from "./schema.js";

/** A year as an address or a command gives it: 2017 to 2199; anything else is not found. */
export function reportYear(value: string): number {
  const parsed = ReportYear.safeParse(value);
  if (!/^[0-9]{4}$/.test(value) || !parsed.success) throw notFound();
  return parsed.data;
}

/** The draft of a year's report in a language, from the records the actor may read. */
export async function annualReport(actor: Actor, db: Db, year: number, lang: Lang): Promise<ReportDraft> {
  authorizeReports(actor, "read");
  return draftReport(actor, db, year, lang);
}

/** The years a report can be shown for: those with meetings or anything of the report's own, newest first. */
export async function reportYears(actor: Actor, db: Db): Promise<number[]> {
  authorizeReports(actor, "read");
  const [meetings, own] = await Promise.all([meetingYears(actor, db), repo.reportYears(db)]);
  return [...new Set([...meetings, ...own])].sort((a, b) => b - a);
}

export const mayAdministerReports = (actor: Actor) => mayReports(actor, "administer");

/** What the back office edits: each section's stored paragraphs and the adopted document, if any. */
export async function reportForEdit(actor: Actor, db: Db, year: number) {
  authorizeReports(actor, "administer");
  const [narratives, adopted] = await Promise.all([repo.narrativesOf(db, year), repo.findReport(db, year)]);
  const bySection = Object.fromEntries(SECTIONS.map((s) => [s, narratives.find((n) => n.section === s)?.body ?? EMPTY_TEXT])) as Record<SectionKey, StoredText>;
  return { narratives: bySection, adopted: adopted ?? null };
}

const entityId = (year: number, section: string) => `${year}:${section}`;

/** Changes the Secretariat's paragraphs of one section (per language, with each language's status); audited. */
export async function saveNarrative(actor: Actor, db: Db, year: number, section: string, input: unknown): Promise<void> {
  authorizeReports(actor, "write");
  if (!(SECTIONS as readonly string[]).includes(section)) throw notFound();
  const key = section as SectionKey;
  const parsed = check(Narrative.edit, input);
  if (!parsed.ok) throw invalidInput(parsed.problems.map((p) => ({ ...p, field: `body.${p.field}` })));
  await db.transaction().execute(async (trx) => {
    const before = await repo.findNarrative(trx, year, key, true);
    const stored = before?.body ?? EMPTY_TEXT;
    const merged = mergeText(stored, parsed.value, new Date());
    if (!merged.ok) throw invalidInput(problemsAt("body", merged.problems));
    if (!merged.changed) return;
    const after = Narrative.stored.parse(merged.value);
    if (Object.keys(after.values).length === 0) await repo.deleteNarrative(trx, year, key);
    else await repo.saveNarrative(trx, year, key, after);
    await recordChanges(trx, actor, [
      {
        action: before ? "update" : "create",
        entity: "report_narrative",
        entityId: entityId(year, key),
        ...(before ? { before: auditedText("body", before.body) } : {}),
        after: auditedText("body", after),
      },
    ]);
  });
}

const symbolTaken = () => new AppError(409, "conflict", "reports.errors.symbolTaken", [{ field: "symbol", message: "reports.errors.symbolTaken" }]);

/**
 * Records the adopted report of a year: its symbol and date on `annual_reports`, and the report
 * as a document of the registry (kind `annual_report`, titled in three languages, the title
 * marked unverified) when the registry does not hold that symbol yet, in one transaction. The
 * draft stays drawn from the records.
 */
export async function adoptReport(actor: Actor, db: Db, year: number, input: unknown): Promise<void> {
  authorizeReports(actor, "adopt");
  const parsed = check(AdoptionInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { symbol, dated, source } = parsed.value;
  if (dated < `${year}-01-01` || dated >= `${year + 2}-01-01`) throw invalidInput([{ field: "dated", message: "reports.errors.dated" }]);
  try {
    await db.transaction().execute(async (trx) => {
      if (await repo.symbolTaken(trx, symbol, year)) throw symbolTaken();
      const before = await repo.findReport(trx, year, true);
      const after = { year, symbol, dated, source };
      if (before && before.symbol === symbol && before.dated === dated && before.source === source) return;
      // The adopted report is a document of the registry: added, in the same transaction, when it is not there yet.
      if ((await documentExists(actor, trx, symbol)) === null) {
        try {
          await createDocument(actor, trx, {
            symbol,
            kind: "annual_report",
            date: dated,
            title: Object.fromEntries(LANGS.map((l) => [l, { text: messages(l)("reports.title", { year }) }])),
            title_verified: false,
            restriction: "public",
            restricted_until: null,
            source,
          });
        } catch (error) {
          // The registry names its own fields; the form has `dated` for the document's date.
          if (error instanceof AppError) throw new AppError(error.status, error.code, error.messageKey, error.fields.map((f) => (f.field === "date" ? { ...f, field: "dated" } : f)));
          throw error;
        }
      }
      await repo.saveReport(trx, after);
      await recordChanges(trx, actor, [{ action: before ? "update" : "create", entity: "annual_report", entityId: String(year), ...(before ? { before } : {}), after }]);
    });
  } catch (error) {
    if (typeof error === "object" && error !== null && (error as { code?: string }).code === "23505") throw symbolTaken();
    throw error;
  }
}

/** An earlier annual report as `data/demo/documents.json` holds it: the registry's entry, with the year it covers. */
interface DemoReport {
  symbol: string;
  kind: string;
  date: string | null;
  reportYear?: number;
  reportYearVerified?: boolean;
  source: string;
}

/**
 * Records the earlier annual reports: the registry's demo documents (`data/demo/documents.json`)
 * of kind `annual_report` that say which year they cover (`reportYear`) and carry a date, so the
 * symbols, dates and sources are written once, where the registry reads them. Idempotent.
 */
export async function seedReports(actor: Actor, db: Db): Promise<{ reports: number; created: number }> {
  authorizeReports(actor, "seed");
  const file = new URL("../../../data/demo/documents.json", import.meta.url);
  const demo = JSON.parse(await readFile(file, "utf8")) as { documents: DemoReport[] };
  const reports = demo.documents.filter((d): d is DemoReport & { reportYear: number; date: string } => d.kind === "annual_report" && d.reportYear !== undefined && d.date !== null);
  return db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    for (const r of reports) {
      const source = r.reportYearVerified === false ? `${r.source}; year covered inferred, not verified` : r.source;
      const parsed = check(AdoptionInput, { symbol: r.symbol, dated: r.date, source });
      if (!parsed.ok) throw new Error(`documents.json, ${r.symbol}: ${parsed.problems.map((p) => p.field).join(", ")} not valid`);
      if (await repo.findReport(trx, r.reportYear)) continue;
      await repo.saveReport(trx, { year: r.reportYear, ...parsed.value });
      changes.push({ action: "create", entity: "annual_report", entityId: String(r.reportYear), after: { year: r.reportYear, ...parsed.value } });
    }
    await recordChanges(trx, actor, changes);
    return { reports: reports.length, created: changes.length };
  });
}
