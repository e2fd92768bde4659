import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { type Actor, grantOf, isSecretariat } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, type StoredText, type TextEdit } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { SitemapEntry } from "../../module.js";
import { actorLabel, type Change, historyOf, recordChanges } from "../audit/service.js";
import { type ListedName, parseMemberList } from "./import.js";
import { renderMembersMap } from "./map.js";
import { economyName, resolveEconomyName } from "./names.js";
import { authorizeMembers, mayMembers } from "./policy.js";
import { nameIn, presentMember } from "./present.js";
import * as repo from "./repo.js";
import {
  type AdminMembersFilter,
  EconomyForm,
  type GroupCode,
  type Member,
  type MemberDetail,
  MembershipForm,
  type MembersQuery,
  NewEconomyForm,
  Note,
  type Precision,
  type Region,
} from "./schema.js";

export const today = () => new Date().toISOString().slice(0, 10);

/** One collator per language: `localeCompare` builds one on every call, ~50 times slower in a sort. */
const collators = new Map<Lang, Intl.Collator>();
const collatorOf = (lang: Lang) => {
  const known = collators.get(lang);
  if (known) return known;
  const collator = new Intl.Collator(lang);
  collators.set(lang, collator);
  return collator;
};

/** The members of the WTO (or of a group such as the MSME Group) on a day, filtered. */
export async function listMembers(actor: Actor, db: Db, query: MembersQuery): Promise<{ items: Member[]; total: number }> {
  authorizeMembers(actor, "read");
  const { rows, total } = await repo.listMembers(db, { ...query, date: query.date ?? today() });
  return { items: rows.map((row) => presentMember(row, query.lang)), total };
}

/** One economy with its MSME Group membership, its parts (EU) and what it is part of. */
export async function getMember(actor: Actor, db: Db, code: string, lang: Lang, date = today()): Promise<MemberDetail> {
  authorizeMembers(actor, "read");
  const { rows } = await repo.listMembers(db, { code, date, lang, limit: 1, offset: 0 });
  let row = rows[0];
  if (!row) {
    // Not a WTO member on that day (yet, or any more): still show what we know.
    const economy = await repo.findEconomy(db, code);
    if (!economy) throw notFound();
    row = { ...economy, group_code: null, joined_on: null, joined_precision: null, left_on: null, note: null, membership_source: null, total: 1 };
  }
  const named = (list: { code: string; name_en: string; name_fr: string; name_es: string }[]) =>
    list.map((e) => ({ code: e.code, name: nameIn(e, lang) })).sort((a, b) => collatorOf(lang).compare(a.name, b.name));
  return {
    ...presentMember(row, lang),
    parts: named(await repo.relatedEconomies(db, code, date, "parts")),
    partOf: named(await repo.relatedEconomies(db, code, date, "wholes")),
  };
}

/** Whether an economy with this code is on record (for checking a delegate's scope). */
export async function economyExists(db: Db, code: string): Promise<boolean> {
  return (await repo.findEconomy(db, code)) !== undefined;
}

/** Every economy on record as (code, name) in a language, sorted by name: for select boxes. */
export async function listEconomyChoices(db: Db, lang: Lang): Promise<{ code: string; name: string }[]> {
  return (await repo.allEconomies(db))
    .map((e) => ({ code: e.code, name: nameIn(e, lang) }))
    .sort((a, b) => collatorOf(lang).compare(a.name, b.name));
}

/** Numeric codes and names of the members matching a filter (blocs appear as their parts). */
export async function mapMembers(
  actor: Actor,
  db: Db,
  filter: Pick<MembersQuery, "group" | "lang" | "region" | "q"> & { date: string },
) {
  authorizeMembers(actor, "read");
  const { rows } = await repo.listMembers(db, { ...filter, limit: 500, offset: 0 });
  return rows.filter((r) => r.numeric_code).map((r) => ({ numeric: r.numeric_code, name: nameIn(r, filter.lang) }));
}

export interface ImportOptions {
  group: GroupCode;
  /** The day on which the list was true; new members are recorded as members "by" that day. */
  date: string;
  /** The document the list comes from (symbol or URL). */
  source: string;
  dryRun?: boolean;
}

export interface ImportReport {
  listed: number;
  added: string[];
  alreadyMembers: number;
  /** Members on the date who are not in the list (reported, never removed). */
  notListed: string[];
  unknown: ListedName[];
  repeated: ListedName[];
  written: boolean;
}

/**
 * Imports a membership list (e.g. the annual report's footnote). Unknown names stop the import:
 * nothing is written unless every name is understood.
 */
export async function importMemberList(actor: Actor, db: Db, text: string, options: ImportOptions): Promise<ImportReport> {
  authorizeMembers(actor, "import");
  return db.transaction().execute(async (trx) => {
    const partsCache = new Map<string, string[]>();
    for (const whole of ["EU"]) {
      partsCache.set(whole, (await repo.relatedEconomies(trx, whole, options.date, "parts")).map((p) => p.code));
    }
    const known = new Set((await repo.allEconomies(trx)).map((e) => e.code));
    const parsed = parseMemberList(text, {
      code: (name) => {
        const code = resolveEconomyName(name);
        return code && known.has(code) ? code : undefined;
      },
      partsOf: (code) => partsCache.get(code) ?? [],
    });
    const current = new Set(await repo.membershipCodes(trx, options.group, options.date));
    const added = parsed.codes.filter((code) => !current.has(code));
    const listedSet = new Set(parsed.codes);
    const report: ImportReport = {
      listed: parsed.codes.length,
      added,
      alreadyMembers: parsed.codes.length - added.length,
      notListed: [...current].filter((code) => !listedSet.has(code)).sort(),
      unknown: parsed.unknown,
      repeated: parsed.repeated,
      written: false,
    };
    if (parsed.unknown.length > 0 || options.dryRun || added.length === 0) return report;
    const changes: Change[] = [];
    for (const code of added) {
      const membership = {
        group_code: options.group,
        economy_code: code,
        joined_on: options.date,
        joined_precision: "by" as const,
        left_on: null,
        note: EMPTY_TEXT,
        source: options.source,
        verified_on: null,
        verified_by: null,
      };
      await repo.insertMembership(trx, membership);
      changes.push({ action: "create", entity: "group_membership", entityId: `${options.group}:${code}`, after: audited(membership) });
    }
    await recordChanges(trx, actor, changes);
    report.written = true;
    return report;
  });
}

interface DemoEconomy {
  code: string;
  numeric: string | null;
  region: Region;
  wtoMemberSince: string | null;
  source: string;
}
interface DemoParts {
  whole: string;
  source: string;
  parts: { code: string; from: string; to?: string }[];
}
interface DemoGroup {
  group: GroupCode;
  /** A note in English, or per language (the first in the platform's order is the original). */
  memberships: { joinedOn: string; precision: Precision; source: string; note?: string | Partial<Record<Lang, string>>; members: string[] }[];
}

/** A demo note as stored: every language given counts as current. */
function demoNote(note: DemoGroup["memberships"][number]["note"], now: Date): StoredText {
  if (note === undefined) return EMPTY_TEXT;
  const texts = typeof note === "string" ? { en: note } : note;
  const edit = Note.edit.parse(Object.fromEntries(LANGS.filter((l) => texts[l]).map((l) => [l, { text: texts[l] }])));
  return editedNote(EMPTY_TEXT, edit, now).value;
}

const demoFile = async <T>(name: string): Promise<T> =>
  JSON.parse(await readFile(new URL(`../../../data/demo/${name}`, import.meta.url), "utf8")) as T;

/** Loads the hand-curated demo facts: every WTO member, the EU's states, the MSME Group. */
export async function seedMembers(actor: Actor, db: Db): Promise<{ economies: number; memberships: number }> {
  authorizeMembers(actor, "seed");
  const economies = await demoFile<DemoEconomy[]>("economies.json");
  const parts = await demoFile<DemoParts[]>("economy-parts.json");
  const groups = await demoFile<DemoGroup[]>("groups.json");
  return db.transaction().execute(async (trx) => {
    // Each fact enters the history with where it came from: created, or changed by a later seed.
    const changes: Change[] = [];
    for (const e of economies) {
      const row = {
        code: e.code,
        numeric_code: e.numeric,
        region: e.region,
        name_en: economyName(e.code, "en"),
        name_fr: economyName(e.code, "fr"),
        name_es: economyName(e.code, "es"),
        wto_member_since: e.wtoMemberSince,
        source: e.source,
      };
      const before = await repo.findEconomy(trx, e.code);
      const seeded = before ? { ...before, ...row } : { ...row, verified_on: null, verified_by: null };
      if (!before) changes.push({ action: "create", entity: "economy", entityId: e.code, after: seeded });
      else if (JSON.stringify(before) !== JSON.stringify(seeded)) changes.push({ action: "update", entity: "economy", entityId: e.code, before, after: seeded });
      await repo.upsertEconomy(trx, seeded);
    }
    for (const bloc of parts) {
      for (const p of bloc.parts) {
        await repo.upsertPart(trx, { whole_code: bloc.whole, part_code: p.code, from_date: p.from, to_date: p.to ?? null, source: bloc.source });
      }
    }
    let memberships = 0;
    const now = new Date();
    for (const g of groups) {
      for (const m of g.memberships) {
        const note = demoNote(m.note, now);
        for (const code of m.members) {
          const membership = {
            group_code: g.group,
            economy_code: code,
            joined_on: m.joinedOn,
            joined_precision: m.precision,
            left_on: null,
            note,
            source: m.source,
            verified_on: null,
            verified_by: null,
          };
          if (await repo.insertMembership(trx, membership)) {
            memberships += 1;
            changes.push({ action: "create", entity: "group_membership", entityId: `${g.group}:${code}`, after: audited(membership) });
          }
        }
      }
    }
    await recordChanges(trx, actor, changes);
    return { economies: economies.length, memberships };
  });
}

// --- The back office ------------------------------------------------------------------------

const ADMIN_PAGE_SIZE = 50;

/** The back office's list: the Secretariat sees every economy, a delegate only their member. */
export async function adminListMembers(actor: Actor, db: Db, filter: AdminMembersFilter, lang: Lang) {
  authorizeMembers(actor, "admin");
  const only = actor.kind === "user" && actor.role === "delegate" ? (grantOf(actor, "economy") ?? "--") : undefined;
  const rows = await repo.adminList(db, { ...filter, only, lang, limit: ADMIN_PAGE_SIZE, offset: (filter.page - 1) * ADMIN_PAGE_SIZE });
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: nameIn(r, lang),
      joinedOn: r.joined_on,
      precision: r.joined_precision,
      leftOn: r.left_on,
      verifiedOn: r.verified_on,
      verifiedBy: r.verified_by,
    })),
    total,
    pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)),
    mayCreate: mayMembers(actor, "create"),
  };
}

/** Everything the edit screen of one economy shows, with what the actor may do there. */
export async function getMemberForEdit(actor: Actor, db: Db, code: string, historyPage = 1) {
  authorizeMembers(actor, "edit", code);
  const economy = await repo.findEconomy(db, code);
  if (!economy) throw notFound();
  const membership = (await repo.findMembership(db, "msme", code)) ?? null;
  // The economy's changes and its membership's, together, newest first, a page at a time.
  const history = await historyOf(db, [{ entity: "economy", entityId: code }, { entity: "group_membership", entityId: `msme:${code}` }], historyPage);
  return { economy, membership, history, may: { create: mayMembers(actor, "create"), delete: mayMembers(actor, "delete") } };
}

/** Changes an economy's names, region, codes or source. */
export async function updateEconomy(actor: Actor, db: Db, code: string, input: unknown): Promise<void> {
  authorizeMembers(actor, "edit", code);
  const values = parseOrThrow(EconomyForm, input);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findEconomy(trx, code, { forUpdate: true });
    if (!before) throw notFound();
    const after = await numericCodeFree(() => repo.updateEconomy(trx, code, values));
    await recordIfChanged(trx, actor, "economy", code, before, after);
  });
}

/** Throws unless the actor may add economies (for showing the empty form). */
export const authorizeCreate = (actor: Actor) => authorizeMembers(actor, "create");

/** Throws unless the actor may remove a membership (for showing the confirmation). */
export const authorizeDelete = (actor: Actor) => authorizeMembers(actor, "delete");

/** Adds an economy (e.g. a newly acceded WTO member). */
export async function createEconomy(actor: Actor, db: Db, input: unknown): Promise<string> {
  authorizeMembers(actor, "create");
  const values = parseOrThrow(NewEconomyForm, input);
  return db.transaction().execute(async (trx) => {
    const row = { ...values, verified_on: null, verified_by: null };
    // The primary key decides, not a look beforehand: of two people adding the same code at once,
    // one creates it and the other is told it is taken.
    if (!(await numericCodeFree(() => repo.insertEconomy(trx, row)))) throw new AppError(409, "conflict", "errors.conflict", [{ field: "code", message: "members.admin.codeTaken" }]);
    await recordChanges(trx, actor, [{ action: "create", entity: "economy", entityId: values.code, after: row }]);
    return values.code;
  });
}

/**
 * Records or corrects an economy's MSME Group membership. Recording a new membership is for the
 * Secretariat; correcting an existing one is also for the member's own delegate.
 */
export async function saveMembership(actor: Actor, db: Db, code: string, input: unknown): Promise<void> {
  authorizeMembers(actor, "edit", code);
  const { note: noteEdit, ...values } = parseOrThrow(MembershipForm, input);
  await db.transaction().execute(async (trx) => {
    // Locking the economy serializes every change to its membership: "before" is what it is.
    if (!(await repo.findEconomy(trx, code, { forUpdate: true }))) throw notFound();
    const before = await repo.findMembership(trx, "msme", code, { forUpdate: true });
    if (!before) {
      authorizeMembers(actor, "create");
      const note = editedNote(EMPTY_TEXT, noteEdit ?? {}, new Date());
      const row = { group_code: "msme" as const, economy_code: code, ...values, note: note.value, verified_on: null, verified_by: null };
      if (!(await repo.insertMembership(trx, row))) throw new AppError(409, "conflict", "errors.conflict", [{ field: "joined_on", message: "members.admin.membershipExists" }]);
      await recordChanges(trx, actor, [{ action: "create", entity: "group_membership", entityId: `msme:${code}`, after: audited(row) }]);
      return;
    }
    const note = editedNote(before.note, noteEdit ?? {}, new Date());
    const after = await repo.updateMembership(trx, "msme", code, note.changed ? { ...values, note: note.value } : values);
    await recordIfChanged(trx, actor, "group_membership", `msme:${code}`, audited(before), after && audited(after));
  });
}

export async function deleteMembership(actor: Actor, db: Db, code: string): Promise<void> {
  authorizeMembers(actor, "delete");
  await db.transaction().execute(async (trx) => {
    const before = await repo.deleteMembership(trx, "msme", code);
    if (!before) throw notFound();
    await recordChanges(trx, actor, [{ action: "delete", entity: "group_membership", entityId: `msme:${code}`, before: audited(withoutTimestamps(before)) }]);
  });
}

/** A delegate (or the Secretariat) confirms that the member's facts are current, today. */
export async function verifyMember(actor: Actor, db: Db, code: string): Promise<void> {
  authorizeMembers(actor, "verify", code);
  const by = actor.kind === "user" ? actor.name : actorLabel(actor);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findEconomy(trx, code, { forUpdate: true });
    if (!before) throw notFound();
    const after = await repo.updateEconomy(trx, code, { verified_on: today(), verified_by: by });
    await recordChanges(trx, actor, [{ action: "update", entity: "economy", entityId: code, before: { verified_on: before.verified_on, verified_by: before.verified_by }, after: { verified_on: after?.verified_on, verified_by: after?.verified_by } }]);
    const membership = await repo.findMembership(trx, "msme", code, { forUpdate: true });
    if (membership) {
      const stamped = await repo.updateMembership(trx, "msme", code, { verified_on: today(), verified_by: by });
      await recordChanges(trx, actor, [
        {
          action: "update",
          entity: "group_membership",
          entityId: `msme:${code}`,
          before: { verified_on: membership.verified_on, verified_by: membership.verified_by },
          after: { verified_on: stamped?.verified_on, verified_by: stamped?.verified_by },
        },
      ]);
    }
  });
}

/** For the dashboard: members nobody has confirmed yet (a delegate: their own, if so). */
export async function membersAttention(actor: Actor, db: Db): Promise<number> {
  if (isSecretariat(actor)) return repo.countUnverifiedMembers(db);
  const economy = grantOf(actor, "economy");
  if (actor.kind === "user" && actor.role === "delegate" && economy) return repo.countUnverifiedMembers(db, economy);
  return 0;
}

/**
 * The note after an edit: statuses follow from what changed (src/i18n/content.ts); a problem
 * (the original emptied under its translations) is a 400 at its form field.
 */
function editedNote(stored: StoredText, edit: TextEdit, now: Date): { value: StoredText; changed: boolean } {
  const merged = mergeText(stored, edit, now);
  if (!merged.ok) throw invalidInput(problemsAt("note", merged.problems));
  // The database's CHECK says the same; this names the rule before a write is tried.
  return { value: Note.stored.parse(merged.value), changed: merged.changed };
}

/** A membership as the audit trail keeps it: the note per language, with each language's status. */
function audited<T extends { note: StoredText }>(row: T): Omit<T, "note"> & Record<string, unknown> {
  const { note, ...rest } = row;
  return { ...rest, ...auditedText("note", note) };
}

/** A numeric code another economy already has: the unique index decides, and the field says so (409). */
async function numericCodeFree<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string; constraint?: string }).code === "23505" && (error as { constraint?: string }).constraint === "economies_numeric_code_key") {
      throw new AppError(409, "conflict", "errors.conflict", [{ field: "numeric_code", message: "members.admin.numericCodeTaken" }]);
    }
    throw error;
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = check(schema, input);
  if (!result.ok) throw invalidInput(result.problems);
  return result.value;
}

const withoutTimestamps = <T extends object>(row: T) => {
  const { updated_at: _, ...rest } = row as T & { updated_at?: unknown };
  return rest;
};

async function recordIfChanged(trx: Db, actor: Actor, entity: string, id: string, before: object, after: object | undefined) {
  const b = withoutTimestamps(before);
  const a = withoutTimestamps(after ?? {});
  if (JSON.stringify(b) === JSON.stringify(a)) return;
  await recordChanges(trx, actor, [{ action: "update", entity, entityId: id, before: b, after: a }]);
}

// --- Sitemap and feeds ----------------------------------------------------------------------

/** There are fewer than 200 economies in the world: a bound that no real list reaches. */
const MAX_ECONOMIES = 1000;

/** For the sitemap: the members list and every WTO member's page, with when each last changed. */
export async function memberPages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeMembers(actor, "read");
  const rows = await repo.memberPageDates(db, today(), MAX_ECONOMIES);
  const newest = rows.reduce<Date | undefined>((max, r) => (!max || r.lastmod > max ? r.lastmod : max), undefined);
  return [
    { path: "/members", lastmod: newest?.toISOString() },
    ...rows.map((r) => ({ path: `/members/${r.code}`, lastmod: r.lastmod.toISOString() })),
  ];
}

/** An economy whose facts someone confirmed, for the "recently verified" feed. */
export interface VerifiedEconomy {
  code: string;
  name: string;
  verifiedOn: string;
  verifiedBy: string | null;
  /** When it was verified, as precisely as the record tells. */
  verifiedAt: Date;
}

/** The economies most recently verified, newest first, named in `lang`. */
export async function recentlyVerifiedMembers(actor: Actor, db: Db, lang: Lang, limit: number): Promise<VerifiedEconomy[]> {
  authorizeMembers(actor, "read");
  const rows = await repo.recentlyVerifiedEconomies(db, Math.min(Math.max(limit, 0), MAX_ECONOMIES));
  return rows.map((r) => ({ code: r.code, name: nameIn(r, lang), verifiedOn: r.verified_on, verifiedBy: r.verified_by, verifiedAt: r.verified_at }));
}

/**
 * Every part a whole has had over time (the EU's member states with the day each joined and, for
 * the United Kingdom, the first day it no longer was one): for reasoning about any date at once.
 * Public facts, as `getMember` shows them one date at a time.
 */
export async function economyPartsOverTime(actor: Actor, db: Db, whole: string): Promise<{ code: string; from: string; to: string | null }[]> {
  authorizeMembers(actor, "read");
  return (await repo.partsOverTime(db, whole)).map((p) => ({ code: p.part_code, from: p.from_date, to: p.to_date }));
}

/**
 * A world map (server-rendered SVG, as the members page draws it) of these economies, named in
 * `lang`: for another module's page that shows where its records are (an agreement's parties, the
 * members that implemented a package annex). Codes
 * without a place on the map (the EU itself, an unknown code) are left out.
 */
export async function economiesMap(actor: Actor, db: Db, codes: readonly string[], lang: Lang, labels: { title: string; description: string }): Promise<string> {
  authorizeMembers(actor, "read");
  const wanted = new Set(codes);
  const economies = (await repo.allEconomies(db)).filter((e) => wanted.has(e.code) && e.numeric_code);
  return renderMembersMap({ members: economies.map((e) => ({ numeric: e.numeric_code, name: nameIn(e, lang) })), ...labels });
}
