import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { type Actor, PUBLIC } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import type { Lang } from "../../i18n/lang.js";
import type { RelatedSection, SitemapEntry } from "../../module.js";
import type { Translate } from "../../i18n/catalogue.js";
import { actorLabel, type Change, historyOf, recordChanges } from "../audit/service.js";
import { economiesMap, economyPartsOverTime, listEconomyChoices } from "../members/service.js";
import { blocMembers, type BlocMembers, type Membership, partiesForBetween, statusBetween } from "./between.js";
import type { Coverage, Status } from "./parse.js";
import { authorizeAgreements, mayAgreements } from "./policy.js";
import { type PartyNames, presentProvision, presentSummary, wtoRecord } from "./present.js";
import * as repo from "./repo.js";
import type { AgreementChildren, AgreementValues } from "./repo.js";
import { aliasMap, type ParsedAgreement, type ParsedExport, parseExport, type RowProblem } from "./rows.js";
import { readExport } from "./workbook.js";
import type { FileStore } from "../../files/index.js";
import {
  type AgreementDetail,
  type AgreementsFilter,
  type AgreementSummary,
  type BetweenItem,
  type BetweenResult,
  CATEGORIES,
  type Category,
  ProvisionForm,
  type ProvisionInput,
} from "./schema.js";

export const today = () => new Date().toISOString().slice(0, 10);

/** One collator per language (`localeCompare` builds one on every call). */
const collators = new Map<Lang, Intl.Collator>();
const collatorOf = (lang: Lang) => {
  const known = collators.get(lang);
  if (known) return known;
  const collator = new Intl.Collator(lang);
  collators.set(lang, collator);
  return collator;
};

const demoFile = async <T>(name: string): Promise<T> => JSON.parse(await readFile(new URL(`../../../data/demo/${name}`, import.meta.url), "utf8")) as T;

interface Aliases {
  economies: Record<string, string>;
  blocs: Record<string, string>;
}
let aliasesLoaded: Promise<Aliases> | undefined;
/** The alias table (data/demo/rta-aliases.json): WTO-style names → economy or bloc codes. */
export const rtaAliases = () => {
  aliasesLoaded ??= demoFile<Aliases>("rta-aliases.json");
  return aliasesLoaded;
};
export const rtaNameMap = async () => aliasMap(await rtaAliases());

// --- Names and memberships ----------------------------------------------------------------------

/** Names of every party in a language: the members module's economies, our blocs, else the export's own name. */
export async function partyNames(db: Db, lang: Lang): Promise<PartyNames> {
  const economies = new Map((await listEconomyChoices(db, lang)).map((e) => [e.code, e.name]));
  const blocs = new Map((await repo.allBlocs(db)).map((b) => [b.code, lang === "fr" ? b.name_fr : lang === "es" ? b.name_es : b.name_en]));
  const aliases = await rtaAliases();
  // The export's name of an economy the members module does not have (Iran, the Cook Islands …).
  const exportNames = new Map<string, string>();
  for (const [name, code] of Object.entries(aliases.economies)) if (!exportNames.has(code) || name.length < (exportNames.get(code) ?? "").length) exportNames.set(code, name);
  const codes = new Set([...economies.keys(), ...blocs.keys(), ...Object.values(aliases.economies), ...Object.values(aliases.blocs)]);
  return {
    name: (code, kind, nameInFile) => (kind === "bloc" ? (blocs.get(code) ?? economies.get(code)) : economies.get(code)) ?? exportNames.get(code) ?? nameInFile ?? code,
    known: (code) => codes.has(code),
  };
}

/** Every bloc's members over time: the EU's from the members module, the others from ours. */
export async function memberships(db: Db): Promise<Membership[]> {
  const eu = await economyPartsOverTime(PUBLIC, db, "EU");
  const others = await repo.allBlocMembers(db);
  return [
    ...eu.map((p) => ({ bloc: "EU", economy: p.code, from: p.from, to: p.to })),
    ...others.map((m) => ({ bloc: m.bloc, economy: m.economy, from: m.from_date, to: m.to_date })),
  ];
}

/** ISO days compare as text. */
const byDay = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const blocCodes = (all: readonly Membership[]) => [...new Set(all.map((m) => m.bloc))];

/** The blocs an economy belongs to on a day (for "party" filters), or was in up to it (for "between"). */
function blocsOf(all: readonly Membership[], blocs: BlocMembers, economy: string, day: string, ever = false): string[] {
  return blocCodes(all).filter((bloc) => (ever ? blocs.wasMember(bloc, economy, day) : blocs.isMember(bloc, economy, day)));
}

// --- Import ---------------------------------------------------------------------------------------

export interface ImportReport {
  rowsRead: number;
  changesRead: number;
  created: number[];
  updated: number[];
  unchanged: number;
  /** Agreements on record that the file does not list (kept, never deleted). */
  notInFile: number[];
  rejected: RowProblem[];
  warnings: RowProblem[];
  written: boolean;
  dryRun: boolean;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** What the facts come from, kept on each agreement it creates. */
  source?: string;
  /** Called as agreements are compared and written. */
  progress?: (done: number, total: number) => void;
}

const IMPORT_SOURCE = "WTO RTA database (https://rtais.wto.org), All RTAs export";

function valuesOf(a: ParsedAgreement, source: string): AgreementValues {
  return {
    rta_id: a.rtaId,
    name: a.name,
    coverage: a.coverage,
    type: a.type,
    notification: a.notification,
    status: a.status,
    signed_goods: a.signedGoods,
    signed_services: a.signedServices,
    notified_goods: a.notifiedGoods,
    notified_services: a.notifiedServices,
    in_force_goods: a.inForceGoods,
    in_force_services: a.inForceServices,
    inactive_on: a.inactiveOn,
    accession: a.accession,
    composition: a.composition,
    regions: a.regions,
    cross_regional: a.crossRegional,
    all_wto_members: a.allWtoMembers,
    remarks: a.remarks,
    source,
  };
}

function childrenOf(a: ParsedAgreement): AgreementChildren {
  return {
    parties: a.parties.map((p) => ({ rta_id: a.rtaId, role: p.role, position: p.position, party: p.party, kind: p.kind, name_in_file: p.nameInFile })),
    memberDates: a.memberDates.map((d) => ({ rta_id: a.rtaId, economy: d.economy, entry_on: d.entryOn, last_day: d.lastDay, pending: d.pending })),
    changes: a.changes.map((c) => ({
      rta_id: a.rtaId,
      position: c.position,
      parties: c.parties,
      affects: c.affects,
      notified_on: c.notifiedOn,
      signed_on: c.signedOn,
      in_force_on: c.inForceOn,
      remarks: c.remarks,
    })),
  };
}

/** An agreement as the audit trail and the comparison read it: one flat value per fact. */
function snapshot(values: Omit<AgreementValues, "source">, children: AgreementChildren): Record<string, string | number | boolean | null> {
  const { rta_id: _, ...facts } = values as AgreementValues;
  delete (facts as Partial<AgreementValues>).source;
  const partiesOf = (role: string) =>
    children.parties
      .filter((p) => p.role === role)
      .sort((x, y) => x.position - y.position)
      .map((p) => p.party)
      .join("; ") || null;
  return {
    ...facts,
    regions: values.regions.join("; ") || null,
    current_signatories: partiesOf("current"),
    original_signatories: partiesOf("original"),
    specific_dates:
      [...children.memberDates]
        .sort((x, y) => (x.economy < y.economy ? -1 : x.economy > y.economy ? 1 : 0))
        .map((d) => `${d.economy}(${d.pending ? "pending" : (d.entry_on ?? "")} - ${d.last_day ?? ""})`)
        .join("; ") || null,
    changes:
      [...children.changes]
        .sort((x, y) => x.position - y.position)
        .map((c) => JSON.stringify([c.parties, c.affects, c.notified_on, c.signed_on, c.in_force_on, c.remarks]))
        .join("\n") || null,
  };
}

function differences(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/**
 * Imports a parsed export in one transaction: agreements new to the platform are created, those
 * whose facts differ are updated (the audit trail keeps what changed, before and after), the
 * others are left alone, so importing the same file again changes nothing. Rejected rows are
 * reported and not written; agreements the file omits are kept.
 */
export async function importAgreements(actor: Actor, db: Db, parsed: ParsedExport, options: ImportOptions = {}): Promise<ImportReport> {
  authorizeAgreements(actor, "import");
  const source = options.source ?? IMPORT_SOURCE;
  const work = async (trx: Db) => {
    const stored = await repo.agreementsWhole(trx);
    const report: ImportReport = {
      rowsRead: parsed.rowsRead,
      changesRead: parsed.changesRead,
      created: [],
      updated: [],
      unchanged: 0,
      notInFile: [],
      rejected: parsed.rejected,
      warnings: parsed.warnings,
      written: false,
      dryRun: options.dryRun ?? false,
    };
    const creates: { values: AgreementValues; children: AgreementChildren }[] = [];
    const updates: { values: AgreementValues; children: AgreementChildren }[] = [];
    const changes: Change[] = [];
    const total = parsed.agreements.length;
    parsed.agreements.forEach((a, i) => {
      const values = valuesOf(a, source);
      const children = childrenOf(a);
      const before = stored.get(a.rtaId);
      if (!before) {
        creates.push({ values, children });
        report.created.push(a.rtaId);
        changes.push({ action: "create", entity: "agreement", entityId: String(a.rtaId), after: snapshot(values, children) });
      } else {
        const { signed_on: _s, in_force_on: _f, ...beforeValues } = before.agreement;
        const diff = differences(snapshot(beforeValues, before), snapshot(values, children));
        if (diff.changed) {
          updates.push({ values: { ...values, source: before.agreement.source }, children });
          report.updated.push(a.rtaId);
          changes.push({ action: "update", entity: "agreement", entityId: String(a.rtaId), before: diff.before, after: diff.after });
        } else report.unchanged++;
      }
      if ((i + 1) % 50 === 0 || i + 1 === total) options.progress?.(i + 1, total);
    });
    const listed = new Set(parsed.agreements.map((a) => a.rtaId));
    const rejectedIds = new Set(parsed.rejected.map((r) => r.rtaId).filter((id): id is number => id !== undefined));
    report.notInFile = [...stored.keys()].filter((id) => !listed.has(id) && !rejectedIds.has(id));
    if (report.dryRun || (creates.length === 0 && updates.length === 0)) return report;
    await repo.insertAgreements(
      trx,
      creates.map((c) => c.values),
    );
    for (const u of updates) await repo.updateAgreement(trx, u.values);
    await repo.deleteChildren(
      trx,
      updates.map((u) => u.values.rta_id),
    );
    const all = [...creates, ...updates];
    await repo.insertChildren(trx, {
      parties: all.flatMap((c) => c.children.parties),
      memberDates: all.flatMap((c) => c.children.memberDates),
      changes: all.flatMap((c) => c.children.changes),
    });
    await recordChanges(trx, actor, changes);
    report.written = true;
    return report;
  };
  return db.transaction().execute(work);
}

// --- Reading ------------------------------------------------------------------------------------

export type ListQuery = AgreementsFilter & { limit: number; offset: number };

/** One page of agreements matching the filters. */
export async function listAgreements(actor: Actor, db: Db, query: ListQuery): Promise<{ items: AgreementSummary[]; total: number }> {
  authorizeAgreements(actor, "read");
  let parties: string[] | undefined;
  if (query.party) {
    const all = await memberships(db);
    parties = [query.party, ...blocsOf(all, blocMembers(all), query.party, today())];
  }
  const { rows, total } = await repo.listAgreements(db, { ...query, parties });
  return { items: await summaries(db, rows, query.lang), total };
}

async function summaries(db: Db, rows: repo.AgreementListRow[], lang: Lang): Promise<AgreementSummary[]> {
  const ids = rows.map((r) => r.rta_id);
  const [parties, categories, names] = await Promise.all([repo.partiesOf(db, ids), repo.categoriesOf(db, ids), partyNames(db, lang)]);
  const partiesBy = groupBy(parties, (p) => p.rta_id);
  const categoriesBy = groupBy(categories, (c) => c.rta_id);
  return rows.map((r) =>
    presentSummary(
      r,
      partiesBy.get(r.rta_id) ?? [],
      (categoriesBy.get(r.rta_id) ?? []).map((c) => c.category),
      names,
    ),
  );
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** One agreement's ID card: parties (blocs with their members on `date`), dates, history, MSME provisions. */
export async function getAgreement(actor: Actor, db: Db, rtaId: number, lang: Lang, date = today()): Promise<AgreementDetail> {
  authorizeAgreements(actor, "read");
  const whole = (await repo.agreementsWhole(db, [rtaId])).get(rtaId);
  if (!whole) throw notFound();
  const [names, all, provisions] = await Promise.all([partyNames(db, lang), memberships(db), repo.provisionsOf(db, [rtaId])]);
  const blocs = blocMembers(all);
  const [summary] = [presentSummary(whole.agreement, whole.parties, [...new Set(provisions.map((p) => p.category))], names)];
  const party = (p: (typeof whole.parties)[number]) => ({
    code: p.party,
    kind: p.kind,
    name: names.name(p.party, p.kind, p.name_in_file),
    nameInFile: p.name_in_file,
    members:
      p.kind === "bloc"
        ? blocs
            .membersOn(p.party, date)
            .map((code) => ({ code, name: names.name(code, "economy") }))
            .sort((x, y) => collatorOf(lang).compare(x.name, y.name))
        : [],
  });
  const a = whole.agreement;
  return {
    ...(summary as AgreementSummary),
    notification: a.notification,
    dates: {
      signedGoods: a.signed_goods,
      signedServices: a.signed_services,
      notifiedGoods: a.notified_goods,
      notifiedServices: a.notified_services,
      inForceGoods: a.in_force_goods,
      inForceServices: a.in_force_services,
    },
    accession: a.accession,
    composition: a.composition,
    crossRegional: a.cross_regional,
    allWtoMembers: a.all_wto_members,
    remarks: a.remarks,
    currentParties: whole.parties.filter((p) => p.role === "current").map(party),
    originalParties: whole.parties.filter((p) => p.role === "original").map(party),
    memberDates: whole.memberDates.map((d) => ({ code: d.economy, name: names.name(d.economy, "economy"), entryOn: d.entry_on, lastDay: d.last_day, pending: d.pending })),
    changes: whole.changes.map((c) => ({
      parties: c.parties,
      affects: c.affects as Coverage | null,
      notifiedOn: c.notified_on,
      signedOn: c.signed_on,
      inForceOn: c.in_force_on,
      remarks: c.remarks,
    })),
    provisions: provisions.map((p) => presentProvision(p, lang)),
    source: a.source,
  };
}

/** The audited history of an agreement and its provisions, a page at a time (for its page). */
export async function agreementHistory(db: Db, rtaId: number, page: number) {
  return historyOf(db, { entity: "agreement", entityId: String(rtaId) }, page);
}

/**
 * The agreements in force, and those signed but not yet in force, between `a` and `b` on `date`
 * (economies or blocs; blocs expanded to their members on that day), with their MSME provisions.
 */
export async function agreementsBetween(actor: Actor, db: Db, a: string, b: string, date: string, lang: Lang): Promise<BetweenResult> {
  authorizeAgreements(actor, "read");
  const [names, all] = await Promise.all([partyNames(db, lang), memberships(db)]);
  const problems = [
    ...(names.known(a) ? [] : [{ field: "a", message: "agreements.errors.unknownParty" }]),
    ...(names.known(b) ? [] : [{ field: "b", message: "agreements.errors.unknownParty" }]),
    ...(a === b && names.known(a) ? [{ field: "b", message: "agreements.errors.sameParty" }] : []),
  ];
  if (problems.length) throw invalidInput(problems);
  const blocs = blocMembers(all);
  const side = (code: string) => [code, ...blocsOf(all, blocs, code, date, true)];
  const ids = await repo.candidatesBetween(db, side(a), side(b));
  const whole = await repo.agreementsWhole(db, ids, { changes: false });
  const found: { row: repo.AgreementRow; status: "in_force" | "signed" }[] = [];
  for (const w of whole.values()) {
    const memberDates = w.memberDates.map((d) => ({ economy: d.economy, entryOn: d.entry_on, lastDay: d.last_day, pending: d.pending }));
    const status = statusBetween(
      {
        status: w.agreement.status as Status,
        signedOn: w.agreement.signed_on,
        inForceOn: w.agreement.in_force_on,
        inactiveOn: w.agreement.inactive_on,
        parties: partiesForBetween(w.parties, memberDates),
        memberDates,
      },
      a,
      b,
      date,
      blocs,
    );
    if (status) found.push({ row: w.agreement, status });
  }
  found.sort((x, y) => (x.status === y.status ? byDay(y.row.in_force_on ?? y.row.signed_on ?? "", x.row.in_force_on ?? x.row.signed_on ?? "") || x.row.rta_id - y.row.rta_id : x.status === "in_force" ? -1 : 1));
  const provisions = groupBy(await repo.provisionsOf(db, found.map((f) => f.row.rta_id)), (p) => p.rta_id);
  const kindOf = (code: string) => (code.length > 2 || code === "EU" ? "bloc" : "economy") as "bloc" | "economy";
  return {
    a: { code: a, name: names.name(a, kindOf(a)) },
    b: { code: b, name: names.name(b, kindOf(b)) },
    date,
    items: found.map(
      ({ row, status }): BetweenItem => ({
        rtaId: row.rta_id,
        name: row.name,
        status,
        overallStatus: row.status as Status,
        inForceOn: row.in_force_on,
        signedOn: row.signed_on,
        coverage: row.coverage as Coverage | null,
        provisions: (provisions.get(row.rta_id) ?? []).map((p) => presentProvision(p, lang)),
        wtoRecord: wtoRecord(row.rta_id),
      }),
    ),
  };
}

/** Every economy and bloc that can be asked about, named in `lang`, sorted: for the "between" form. */
export async function partyChoices(db: Db, lang: Lang): Promise<{ code: string; name: string }[]> {
  const economies = await listEconomyChoices(db, lang);
  const blocs = (await repo.allBlocs(db)).map((b) => ({ code: b.code, name: lang === "fr" ? b.name_fr : lang === "es" ? b.name_es : b.name_en }));
  return [...economies, ...blocs.filter((b) => !economies.some((e) => e.code === b.code))].sort((x, y) => collatorOf(lang).compare(x.name, y.name));
}

/** For the chart: agreements in force at the end of each year, with and without MSME provisions coded. */
export async function inForceByYear(actor: Actor, db: Db, from = 1958, to = new Date().getUTCFullYear()) {
  authorizeAgreements(actor, "read");
  return repo.inForceByYear(db, from, to);
}

/** Two to four agreements side by side: their provisions by category. */
export async function compareAgreements(actor: Actor, db: Db, ids: readonly number[], lang: Lang) {
  authorizeAgreements(actor, "read");
  if (ids.length < 2 || ids.length > 4) throw invalidInput([{ field: "ids", message: "agreements.errors.compare" }]);
  const agreements = [];
  for (const id of ids) {
    try {
      agreements.push(await getAgreement(actor, db, id, lang));
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw invalidInput([{ field: "ids", message: "agreements.errors.compareUnknown", values: { id } }]);
      throw error;
    }
  }
  return { agreements, categories: CATEGORIES };
}

// --- Related sections, sitemap ----------------------------------------------------------------------

/** On a member's page: the agreements it is a party to (directly or through a bloc), newest first. */
export async function memberAgreements(actor: Actor, db: Db, code: string, lang: Lang, t: Translate): Promise<RelatedSection | null> {
  const { items, total } = await listAgreements(actor, db, { party: code, lang, limit: 10, offset: 0 });
  if (total === 0) return null;
  return {
    title: t("agreements.related.title"),
    items: items.map((a) => ({
      href: `/${lang}/agreements/${a.rtaId}`,
      label: a.name,
      meta: `${t(`agreements.status.${a.status}`)}${a.inForceOn ? ` · ${a.inForceOn.slice(0, 4)}` : ""}`,
      lang: "en" as const,
    })),
    total,
    more: total > items.length ? { href: `/${lang}/agreements?party=${code}`, label: t("agreements.related.more", { count: total }) } : undefined,
  };
}

const MAX_PAGES = 100_000;

export async function* agreementPages(actor: Actor, db: Db): AsyncIterable<SitemapEntry> {
  authorizeAgreements(actor, "read");
  const rows = await repo.pageDates(db, MAX_PAGES);
  const newest = rows.reduce<Date | undefined>((max, r) => (!max || r.updated_at > max ? r.updated_at : max), undefined);
  yield { path: "/agreements", lastmod: newest?.toISOString() };
  yield { path: "/agreements/between" };
  for (const r of rows) yield { path: `/agreements/${r.rta_id}`, lastmod: r.updated_at.toISOString() };
}

// --- MSME provisions: the Secretariat's coding ---------------------------------------------------------

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = check(schema, input);
  if (!result.ok) throw invalidInput(result.problems);
  return result.value;
}

const auditedProvision = (p: Omit<repo.ProvisionRow, "updated_at" | "id"> & { id?: number }) => {
  const { id: _, ...rest } = p as repo.ProvisionRow;
  delete (rest as Partial<repo.ProvisionRow>).updated_at;
  return rest;
};

/** Everything the coding screen of one agreement shows. */
export async function getCoding(actor: Actor, db: Db, rtaId: number, lang: Lang, historyPage = 1) {
  authorizeAgreements(actor, "code");
  const agreement = await repo.findAgreement(db, rtaId);
  if (!agreement) throw notFound();
  const provisions = await repo.provisionsOf(db, [rtaId]);
  const history = await historyOf(
    db,
    [{ entity: "agreement", entityId: String(rtaId) }, ...provisions.map((p) => ({ entity: "msme_provision", entityId: `${rtaId}:${p.id}` }))],
    historyPage,
  );
  return { agreement, provisions, history, lang };
}

/** The back office's list: agreements with provisions coded, with the last day they were verified. */
export async function codedAgreements(actor: Actor, db: Db, page: number) {
  authorizeAgreements(actor, "code");
  const size = 50;
  const rows = await repo.codedAgreements(db, size, (page - 1) * size);
  const total = Number(rows[0]?.total ?? 0);
  return { items: rows.map((r) => ({ rtaId: r.rta_id, name: r.name, provisions: Number(r.provisions), verifiedOn: r.verified_on as string | null })), total, pages: Math.max(1, Math.ceil(total / size)) };
}

export const authorizeCoding = (actor: Actor) => authorizeAgreements(actor, "code");
export const mayCode = (actor: Actor) => mayAgreements(actor, "code");

/** Adds a provision to an agreement's coding. */
export async function createProvision(actor: Actor, db: Db, rtaId: number, input: unknown): Promise<number> {
  authorizeAgreements(actor, "code");
  const values: ProvisionInput = parseOrThrow(ProvisionForm, input);
  return db.transaction().execute(async (trx) => {
    if (!(await repo.findAgreement(trx, rtaId))) throw notFound();
    const row = { rta_id: rtaId, ...values, verified_on: null, verified_by: null };
    const created = await repo.insertProvision(trx, row);
    if (!created) throw new AppError(409, "conflict", "errors.conflict", [{ field: "chapter", message: "agreements.admin.provisionExists" }]);
    await recordChanges(trx, actor, [{ action: "create", entity: "msme_provision", entityId: `${rtaId}:${created.id}`, after: auditedProvision(created) }]);
    return created.id;
  });
}

/** Corrects a provision. */
export async function updateProvision(actor: Actor, db: Db, rtaId: number, id: number, input: unknown): Promise<void> {
  authorizeAgreements(actor, "code");
  const values: ProvisionInput = parseOrThrow(ProvisionForm, input);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findProvision(trx, id, { forUpdate: true });
    if (!before || before.rta_id !== rtaId) throw notFound();
    let after: repo.ProvisionRow | undefined;
    try {
      after = await repo.updateProvision(trx, id, values);
    } catch (error) {
      if ((error as { code?: string }).code === "23505") throw new AppError(409, "conflict", "errors.conflict", [{ field: "chapter", message: "agreements.admin.provisionExists" }]);
      throw error;
    }
    const diff = differences(auditedProvision(before), auditedProvision(after as repo.ProvisionRow));
    if (diff.changed) await recordChanges(trx, actor, [{ action: "update", entity: "msme_provision", entityId: `${rtaId}:${id}`, before: diff.before, after: diff.after }]);
  });
}

/** The Secretariat confirms, today, that an agreement's provisions match its text. */
export async function verifyCoding(actor: Actor, db: Db, rtaId: number): Promise<void> {
  authorizeAgreements(actor, "code");
  const by = actor.kind === "user" ? actor.name : actorLabel(actor);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findAgreement(trx, rtaId))) throw notFound();
    const changes: Change[] = [];
    for (const p of await repo.provisionsOf(trx, [rtaId])) {
      const after = await repo.updateProvision(trx, p.id, { verified_on: today(), verified_by: by });
      changes.push({ action: "update", entity: "msme_provision", entityId: `${rtaId}:${p.id}`, before: { verified_on: p.verified_on, verified_by: p.verified_by }, after: { verified_on: after?.verified_on, verified_by: after?.verified_by } });
    }
    await recordChanges(trx, actor, changes);
  });
}

export async function deleteProvision(actor: Actor, db: Db, rtaId: number, id: number): Promise<void> {
  authorizeAgreements(actor, "code");
  await db.transaction().execute(async (trx) => {
    const before = await repo.findProvision(trx, id, { forUpdate: true });
    if (!before || before.rta_id !== rtaId) throw notFound();
    await repo.deleteProvision(trx, id);
    await recordChanges(trx, actor, [{ action: "delete", entity: "msme_provision", entityId: `${rtaId}:${id}`, before: auditedProvision(before) }]);
  });
}

export async function findProvisionForEdit(actor: Actor, db: Db, rtaId: number, id: number) {
  authorizeAgreements(actor, "code");
  const p = await repo.findProvision(db, id);
  if (!p || p.rta_id !== rtaId) throw notFound();
  return p;
}

// --- Demo data ----------------------------------------------------------------------------------

interface DemoBloc {
  code: string;
  names: Record<Lang, string>;
  source: string;
  members: { economy: string; from: string; to?: string; verified?: boolean; source?: string }[];
}
interface DemoProvision {
  rtaId: number;
  category: Category;
  chapter: string;
  articles?: string | null;
  articlesVerified: boolean;
  summary: Record<Lang, string>;
  source: string;
}

/** Blocs and their members, the demo agreements (facts of the WTO RTA database) and their MSME provisions. */
export async function seedAgreements(actor: Actor, db: Db, log: (line: string) => void) {
  authorizeAgreements(actor, "seed");
  const blocs = await demoFile<DemoBloc[]>("rta-blocs.json");
  for (const b of blocs) {
    await repo.upsertBloc(db, { code: b.code, name_en: b.names.en, name_fr: b.names.fr, name_es: b.names.es, source: b.source });
    await repo.replaceBlocMembers(
      db,
      b.code,
      b.members.map((m) => ({ economy: m.economy, from_date: m.from, to_date: m.to ?? null, source: m.source ?? b.source, dates_verified: m.verified ?? true })),
    );
  }
  const demo = await demoFile<{ source: string; agreements: ParsedAgreement[] }>("rta-agreements.json");
  const report = await importAgreements(actor, db, { agreements: demo.agreements, rowsRead: demo.agreements.length, changesRead: 0, rejected: [], warnings: [] }, { source: demo.source });
  const provisions = await demoFile<{ provisions: DemoProvision[] }>("rta-provisions.json");
  let added = 0;
  await db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    for (const p of provisions.provisions) {
      if (!(await repo.findAgreement(trx, p.rtaId))) {
        log(`agreements: provision of RTA ${p.rtaId} skipped (no such agreement)`);
        continue;
      }
      if (await repo.findProvisionByKey(trx, p.rtaId, p.category, p.chapter)) continue;
      const created = await repo.insertProvision(trx, {
        rta_id: p.rtaId,
        category: p.category,
        chapter: p.chapter,
        articles: p.articles ?? null,
        articles_verified: p.articlesVerified,
        summary_en: p.summary.en,
        summary_fr: p.summary.fr,
        summary_es: p.summary.es,
        source: p.source,
        verified_on: null,
        verified_by: null,
      });
      if (created) {
        added++;
        changes.push({ action: "create", entity: "msme_provision", entityId: `${p.rtaId}:${created.id}`, after: auditedProvision(created) });
      }
    }
    await recordChanges(trx, actor, changes);
  });
  log(`agreements: ${blocs.length} blocs, ${demo.agreements.length} demo agreements (${report.created.length} new), ${added} new MSME provisions`);
}

export { wtoRecord };

// --- Search ---------------------------------------------------------------------------------------

/** What the search index needs of these agreements, in each language: name, status, parties, provisions. */
export async function agreementsForIndex(db: Db, ids: readonly number[], lang: Lang) {
  const whole = await repo.agreementsWhole(db, ids);
  const [names, provisions] = await Promise.all([partyNames(db, lang), repo.provisionsOf(db, ids)]);
  const byAgreement = groupBy(provisions, (p) => p.rta_id);
  return [...whole.values()].map((w) => {
    const shown = w.parties.some((p) => p.role === "current") ? w.parties.filter((p) => p.role === "current") : w.parties.filter((p) => p.role === "original");
    return {
      rtaId: w.agreement.rta_id,
      name: w.agreement.name,
      status: w.agreement.status as Status,
      inForceOn: w.agreement.in_force_on,
      parties: shown.map((p) => ({ code: p.party, name: names.name(p.party, p.kind, p.name_in_file) })),
      provisions: (byAgreement.get(w.agreement.rta_id) ?? []).map((p) => presentProvision(p, lang)),
    };
  });
}

export async function allAgreementIds(db: Db): Promise<number[]> {
  return repo.agreementIds(db, MAX_PAGES);
}

/** Whether the agreement exists (the Secretariat's "open by ID" in the back office). */
export async function findAgreementForCoding(actor: Actor, db: Db, rtaId: number): Promise<boolean> {
  authorizeAgreements(actor, "code");
  return (await repo.findAgreement(db, rtaId)) !== undefined;
}

export const authorizeImport = (actor: Actor) => authorizeAgreements(actor, "import");

/** Imports (or dry-runs) an export kept in the file store, as the back office uploads it. */
export async function importStoredExport(actor: Actor, db: Db, store: FileStore, key: string, options: { dryRun: boolean }): Promise<ImportReport> {
  authorizeAgreements(actor, "import");
  const file = await store.get(key);
  if (!file) throw notFound();
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  const sheets = await readExport(Buffer.concat(chunks));
  const parsed = parseExport(sheets.agreements, sheets.changes, await rtaNameMap());
  return importAgreements(actor, db, parsed, { dryRun: options.dryRun });
}

/** The map of an agreement's parties (the members module draws it). */
export async function partiesMap(db: Db, codes: readonly string[], lang: Lang, labels: { title: string; description: string }): Promise<string> {
  return economiesMap(PUBLIC, db, codes, lang, labels);
}
