import { readFile } from "node:fs/promises";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import type { Lang } from "../../i18n/lang.js";
import type { RelatedSection, RelatedTarget, SitemapEntry } from "../../module.js";
import { actorLabel, type Change, recordChanges } from "../audit/service.js";
import { economiesMap, listEconomyChoices, listMembers } from "../members/service.js";
import { authorizePackage, editableScope, mayPackage } from "./policy.js";
import { audited, presentCount, presentRecord } from "./present.js";
import * as repo from "./repo.js";
import type { NewRecordRow, RecordChanges, RecordRow } from "./repo.js";
import {
  ANNEXES,
  type AdminFilter,
  type Annex,
  type ImplementationFilter,
  type ImplementationItem,
  CountInput,
  PACKAGE_ADOPTED,
  type PackageCount,
  RecordCreateInput,
  RecordUpdateInput,
  type Status,
  type TrackerFilter,
} from "./schema.js";
import { type AnnexTotals, annexTotals, type QuarterProgress, progressByQuarter } from "./stats.js";

export const today = () => new Date().toISOString().slice(0, 10);

const ENTITY = "package_record";

/** Every economy's name in a language, by code. */
async function namesIn(db: Db, lang: Lang): Promise<Map<string, string>> {
  return new Map((await listEconomyChoices(db, lang)).map((e) => [e.code, e.name]));
}

/** How a person is named on the records they report, verify or confirm. */
const whoIs = (actor: Actor) => (actor.kind === "user" ? actor.name : actorLabel(actor));

// --- Public ---------------------------------------------------------------------------------------

/** The confirmed implementation records, filtered, by member and annex. */
export async function listImplementation(
  actor: Actor,
  db: Db,
  filter: ImplementationFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ImplementationItem[]; total: number }> {
  authorizePackage(actor, "read");
  const { rows, total } = await repo.pageRecords(db, { annex: filter.annex, status: filter.status, economy: filter.member, confirmedOnly: true }, page);
  const names = await namesIn(db, filter.lang);
  return { items: rows.map((r) => presentRecord(r, names)), total };
}

/** A bound far above the package's 6 annexes × ~170 economies. */
const MAX_RECORDS = 2000;

export interface TrackerRow {
  code: string;
  name: string;
  cells: Partial<Record<Annex, ImplementationItem>>;
}

export interface Tracker {
  rows: TrackerRow[];
  /** Per annex and status, over the rows shown. */
  totals: AnnexTotals;
  progress: QuarterProgress[];
  counts: PackageCount[];
  /** The map of the annex chosen (or annex 1): members done on it. */
  map: { annex: Annex; svg: string; done: number };
  /** How many economies are in the MSME Group (rows before filters). */
  members: number;
  /** The MSME Group's members by name, for the member filter. */
  choices: { code: string; name: string }[];
}

/**
 * The public tracker: the MSME Group's members (and any other economy with a confirmed record) ×
 * the six annexes, with the filters applied; the totals, the progress by quarter and the map all
 * count the same confirmed records as the matrix.
 */
export async function tracker(actor: Actor, db: Db, filter: TrackerFilter, lang: Lang, text: { mapTitle: string; mapDescription: (count: number) => string }): Promise<Tracker> {
  authorizePackage(actor, "read");
  const day = today();
  const [wto, group] = await Promise.all([
    listMembers(actor, db, { lang, date: day, region: filter.region, limit: 500, offset: 0 }),
    listMembers(actor, db, { lang, date: day, group: "msme", limit: 500, offset: 0 }),
  ]);
  const inRegion = new Map(wto.items.map((m) => [m.code, m.name]));
  const names = await namesIn(db, lang);
  const { rows: stored } = await repo.pageRecords(db, { economy: filter.member, confirmedOnly: true }, { limit: MAX_RECORDS, offset: 0 });
  const records = stored
    .filter((r) => !filter.region || inRegion.has(r.economy_code))
    .map((r) => presentRecord(r, names));
  const byMember = new Map<string, TrackerRow>();
  for (const m of group.items) {
    if (filter.member && m.code !== filter.member) continue;
    if (filter.region && m.region !== filter.region) continue;
    byMember.set(m.code, { code: m.code, name: m.name, cells: {} });
  }
  for (const r of records) {
    let row = byMember.get(r.member);
    if (!row) {
      row = { code: r.member, name: r.memberName, cells: {} };
      byMember.set(r.member, row);
    }
    row.cells[r.annex as Annex] = r;
  }
  const collator = new Intl.Collator(lang, { sensitivity: "base" });
  let rows = [...byMember.values()].sort((a, b) => collator.compare(a.name, b.name));
  if (filter.status) {
    const annexes = filter.annex ? [filter.annex as Annex] : [...ANNEXES];
    rows = rows.filter((row) => annexes.some((a) => row.cells[a]?.status === filter.status));
  }
  const shown = rows.flatMap((row) => Object.values(row.cells) as ImplementationItem[]);
  const tracked = shown.map((r) => ({ member: r.member, annex: r.annex, status: r.status, date: r.date }));
  const mapAnnex = (filter.annex ?? 1) as Annex;
  const doneOnMap = shown.filter((r) => r.annex === mapAnnex && r.status === "done").map((r) => r.member);
  const svg = await economiesMap(actor, db, doneOnMap, lang, { title: text.mapTitle, description: text.mapDescription(doneOnMap.length) });
  const counts = (await repo.listCounts(db, 100)).map(presentCount);
  return {
    rows,
    totals: annexTotals(tracked),
    progress: progressByQuarter(tracked, PACKAGE_ADOPTED, day),
    counts,
    map: { annex: mapAnnex, svg, done: doneOnMap.length },
    members: group.total,
    choices: group.items.map((m) => ({ code: m.code, name: m.name })).sort((a, b) => collator.compare(a.name, b.name)),
  };
}

/** One member's full package record: its confirmed records per annex; 404 for an unknown economy. */
export async function memberRecord(actor: Actor, db: Db, code: string, lang: Lang): Promise<{ code: string; name: string; items: ImplementationItem[] }> {
  authorizePackage(actor, "read");
  const names = await namesIn(db, lang);
  const name = names.get(code);
  if (!name) throw notFound();
  const { rows } = await repo.pageRecords(db, { economy: code, confirmedOnly: true }, { limit: 6, offset: 0 });
  return { code, name, items: rows.map((r) => presentRecord(r, names)) };
}

/** The counts reported where the names are not known, with their sources. */
export async function listCounts(actor: Actor, db: Db): Promise<PackageCount[]> {
  authorizePackage(actor, "read");
  return (await repo.listCounts(db, 100)).map(presentCount);
}

/** "2020 MSME Package" on a member's page: its confirmed records. */
export async function memberSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  const { rows, total } = await repo.pageRecords(db, { economy: target.id, confirmedOnly: true }, { limit: 6, offset: 0 });
  if (rows.length === 0) return null;
  const href = `/${target.lang}/package/${target.id}`;
  return {
    title: target.t("package.related.title"),
    total,
    items: rows.map((r) => ({
      href: `${href}#annex-${r.annex}`,
      label: target.t("package.related.item", { annex: r.annex, title: target.t(`package.annexes.${r.annex}.title`) }),
      meta: target.t(`package.statuses.${r.status}`),
    })),
    more: { href, label: target.t("package.related.more") },
  };
}

/** "2020 MSME Package" on a document's page: the confirmed records it is the evidence or the meeting of. */
export async function documentSection(db: Db, target: RelatedTarget): Promise<RelatedSection | null> {
  const { rows, total } = await repo.confirmedCiting(db, target.id, 10);
  if (rows.length === 0) return null;
  const names = await namesIn(db, target.lang);
  return {
    title: target.t("package.related.title"),
    total,
    items: rows.map((r) => ({
      href: `/${target.lang}/package/${r.economy_code}#annex-${r.annex}`,
      label: `${names.get(r.economy_code) ?? r.economy_code}: ${target.t("package.related.item", { annex: r.annex, title: target.t(`package.annexes.${r.annex}.title`) })}`,
      meta: target.t(`package.statuses.${r.status}`),
    })),
    more: { href: `/${target.lang}/package`, label: target.t("package.backToTracker") },
  };
}

/** For the sitemap: the tracker and each member page with confirmed records. */
export async function packagePages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizePackage(actor, "read");
  const rows = await repo.confirmedMemberDates(db, 1000);
  return [{ path: "/package" }, ...rows.map((r) => ({ path: `/package/${r.economy_code}`, lastmod: new Date(r.lastmod).toISOString() }))];
}

// --- The back office -------------------------------------------------------------------------------

/** One page of the records the actor may edit (every state), with the economies they may record for. */
export async function listEditable(actor: Actor, db: Db, filter: AdminFilter, lang: Lang, pageSize: number) {
  const scope = editableScope(actor);
  const economy = scope.economy ?? filter.member;
  if (scope.economy && filter.member && filter.member !== scope.economy) return { items: [], total: 0, page: filter.page, pages: 1 };
  const { rows, total } = await repo.pageRecords(
    db,
    { economy, annex: filter.annex, confirmation: filter.confirmation },
    { limit: pageSize, offset: (filter.page - 1) * pageSize },
  );
  const names = await namesIn(db, lang);
  return { items: rows.map((r) => presentRecord(r, names)), total, page: filter.page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The economies the actor may record for, as (code, name), for the new record's form. */
export async function recordableEconomies(actor: Actor, db: Db, lang: Lang): Promise<{ code: string; name: string }[]> {
  const scope = editableScope(actor);
  const all = await listEconomyChoices(db, lang);
  return scope.economy ? all.filter((e) => e.code === scope.economy) : all;
}

/** A record for its edit screen; 404 for a record out of a delegate's scope (as for none). */
export async function getRecordForEdit(actor: Actor, db: Db, id: number, lang: Lang): Promise<{ item: ImplementationItem; row: RecordRow }> {
  authorizePackage(actor, "administer");
  const row = await repo.findRecord(db, id);
  if (!row) throw notFound();
  authorizePackage(actor, "record", row.economy_code);
  return { item: presentRecord(row, await namesIn(db, lang)), row };
}

/** Whether the actor may confirm (to offer the button). */
export const mayConfirm = (actor: Actor): boolean => mayPackage(actor, "confirm");

const exists = () => new AppError(409, "conflict", "package.errors.exists", [{ field: "annex", message: "package.errors.exists" }]);

/** The record's fields from a checked input. */
function fieldsOf(input: RecordUpdateInput): RecordChanges {
  return {
    status: input.status,
    status_on: input.status_on ?? null,
    status_precision: input.status_precision ?? "day",
    evidence_document: input.evidence_document ?? null,
    evidence_tpr: input.evidence_tpr ?? null,
    evidence_url: input.evidence_url ?? null,
    meeting_on: input.meeting_on ?? null,
    meeting_symbol: input.meeting_symbol ?? null,
  };
}

/**
 * Records one annex for one member (its delegate or the Secretariat). 409 at `annex` when the
 * member has a record for it already (edit that one). Returns the record's id.
 */
export async function createRecord(actor: Actor, db: Db, input: unknown): Promise<number> {
  authorizePackage(actor, "administer");
  const parsed = check(RecordCreateInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { economy, annex, ...rest } = parsed.value;
  authorizePackage(actor, "record", economy);
  const row: NewRecordRow = {
    economy_code: economy,
    annex,
    ...(fieldsOf(rest) as Required<RecordChanges>),
    source: null,
    reported_by: whoIs(actor),
    reported_on: today(),
    verified_by: null,
    verified_on: null,
    confirmed_by: null,
    confirmed_on: null,
  };
  return db.transaction().execute(async (trx) => {
    const known = await listEconomyChoices(trx, "en");
    if (!known.some((e) => e.code === economy)) throw invalidInput([{ field: "economy", message: "validation.invalid_value" }]);
    const created = await repo.insertRecord(trx, row);
    if (!created) throw exists();
    await recordChanges(trx, actor, [{ action: "create", entity: ENTITY, entityId: String(created.id), after: audited(created) }]);
    return Number(created.id);
  });
}

/**
 * Changes a record. A change of what it says clears its verification and confirmation: the
 * Secretariat confirms the record as it now is, and until then the public sees none.
 */
export async function updateRecord(actor: Actor, db: Db, id: number, input: unknown): Promise<void> {
  authorizePackage(actor, "administer");
  return db.transaction().execute(async (trx) => {
    const before = await repo.findRecord(trx, id, { forUpdate: true });
    if (!before) throw notFound();
    authorizePackage(actor, "record", before.economy_code);
    const parsed = check(RecordUpdateInput, input);
    if (!parsed.ok) throw invalidInput(parsed.problems);
    const fields = fieldsOf(parsed.value);
    const changed = (Object.keys(fields) as (keyof RecordChanges)[]).some((k) => fields[k] !== before[k]);
    if (!changed) return;
    const after = await repo.updateRecord(trx, id, {
      ...fields,
      reported_by: whoIs(actor),
      reported_on: today(),
      verified_by: null,
      verified_on: null,
      confirmed_by: null,
      confirmed_on: null,
    });
    if (!after) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: String(id), before: audited(before), after: audited(after) }]);
  });
}

async function stamp(actor: Actor, db: Db, id: number, action: "verify" | "confirm"): Promise<void> {
  authorizePackage(actor, "administer");
  return db.transaction().execute(async (trx) => {
    const before = await repo.findRecord(trx, id, { forUpdate: true });
    if (!before) throw notFound();
    // Another member's delegate learns nothing (404) before being told they may not confirm (403).
    authorizePackage(actor, "record", before.economy_code);
    authorizePackage(actor, action, before.economy_code);
    const changes: RecordChanges =
      action === "verify" ? { verified_by: whoIs(actor), verified_on: today() } : { confirmed_by: whoIs(actor), confirmed_on: today() };
    const after = await repo.updateRecord(trx, id, changes);
    if (!after) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: String(id), before: audited(before), after: audited(after) }]);
  });
}

/** The member (its delegate, or the Secretariat) vouches for the record as it is. */
export const verifyRecord = (actor: Actor, db: Db, id: number) => stamp(actor, db, id, "verify");

/** The Secretariat confirms the record: from now on the public sees it. */
export const confirmRecord = (actor: Actor, db: Db, id: number) => stamp(actor, db, id, "confirm");

/** Records awaiting the Secretariat's confirmation that the actor may edit (0 for those who edit none). */
export async function countUnconfirmed(actor: Actor, db: Db): Promise<number> {
  if (!mayPackage(actor, "administer")) return 0;
  const scope = editableScope(actor);
  return (await repo.countRecords(db, { ...scope, confirmation: "reported" })) + (await repo.countRecords(db, { ...scope, confirmation: "verified" }));
}

/** The counts on record, for the Secretariat's screen (401/403 for anyone else). */
export async function listCountsForEdit(actor: Actor, db: Db): Promise<PackageCount[]> {
  authorizePackage(actor, "confirm");
  return (await repo.listCounts(db, 100)).map(presentCount);
}

const countExists = () => new AppError(409, "conflict", "package.errors.countExists", [{ field: "as_of", message: "package.errors.countExists" }]);

/** Records a count reported without names (the Secretariat); 409 when that count of that day is on record. */
export async function createCount(actor: Actor, db: Db, input: unknown): Promise<void> {
  authorizePackage(actor, "confirm");
  const parsed = check(CountInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const v = parsed.value;
  const row = { annex: v.annex, measure: v.measure, count: v.count, as_of: v.as_of, as_of_precision: v.as_of_precision, meeting_symbol: v.meeting_symbol ?? null, source: v.source };
  await db.transaction().execute(async (trx) => {
    if (!(await repo.insertCount(trx, row))) throw countExists();
    await recordChanges(trx, actor, [{ action: "create", entity: "package_count", entityId: `${row.annex}:${row.measure}:${row.as_of}`, after: row }]);
  });
}

// --- Demo data ---------------------------------------------------------------------------------------

interface DemoRecord {
  member: string;
  annex: number;
  status: Status;
  date: string | null;
  datePrecision: "day" | "by";
  evidence: { document?: string; tpr?: string; url?: string; meeting?: { date?: string; symbol?: string } };
  source: string;
}
interface DemoCount {
  annex: number;
  measure: string;
  count: number;
  asOf: string;
  asOfPrecision: "day" | "by";
  meetingSymbol?: string;
  source: string;
}

/** Who the demo records are reported and confirmed by. */
const DEMO_REPORTER = "Secretariat (demo data from the MSME Group's 2022 annual report)";

/**
 * Loads the hand-curated facts of 2022 (data/demo/package.json), each with its source. Idempotent:
 * a record or count already on file is left as it is (people may have edited it since).
 */
export async function seedPackage(actor: Actor, db: Db): Promise<{ records: number; counts: number }> {
  authorizePackage(actor, "seed");
  const file = new URL("../../../data/demo/package.json", import.meta.url);
  const demo = JSON.parse(await readFile(file, "utf8")) as { records: DemoRecord[]; counts: DemoCount[] };
  const day = today();
  return db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    let counts = 0;
    for (const [i, d] of demo.records.entries()) {
      const parsed = check(RecordCreateInput, {
        economy: d.member,
        annex: d.annex,
        status: d.status,
        status_on: d.date,
        status_precision: d.datePrecision,
        evidence_document: d.evidence.document,
        evidence_tpr: d.evidence.tpr,
        evidence_url: d.evidence.url,
        meeting_on: d.evidence.meeting?.date,
        meeting_symbol: d.evidence.meeting?.symbol,
      });
      if (!parsed.ok) throw new Error(`package.json, record ${i + 1}: ${parsed.problems.map((p) => p.field).join(", ")} not valid`);
      const { economy, annex, ...rest } = parsed.value;
      const row: NewRecordRow = {
        economy_code: economy,
        annex,
        ...(fieldsOf(rest) as Required<RecordChanges>),
        source: d.source,
        reported_by: DEMO_REPORTER,
        reported_on: day,
        verified_by: null,
        verified_on: null,
        confirmed_by: DEMO_REPORTER,
        confirmed_on: day,
      };
      const created = await repo.insertRecord(trx, row);
      if (created) changes.push({ action: "create", entity: ENTITY, entityId: String(created.id), after: audited(created) });
    }
    for (const c of demo.counts) {
      const added = await repo.insertCount(trx, {
        annex: c.annex,
        measure: c.measure,
        count: c.count,
        as_of: c.asOf,
        as_of_precision: c.asOfPrecision,
        meeting_symbol: c.meetingSymbol ?? null,
        source: c.source,
      });
      if (added) {
        counts += 1;
        changes.push({ action: "create", entity: "package_count", entityId: `${c.annex}:${c.measure}:${c.asOf}`, after: c });
      }
    }
    await recordChanges(trx, actor, changes);
    return { records: changes.filter((c) => c.entity === ENTITY).length, counts };
  });
}

