import { readFile } from "node:fs/promises";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { notFound } from "../../http/errors.js";
import type { Lang } from "../../i18n/lang.js";
import { type Change, recordChanges } from "../audit/service.js";
import { type ListedName, parseMemberList } from "./import.js";
import { economyName, resolveEconomyName } from "./names.js";
import { authorizeMembers } from "./policy.js";
import { nameIn, presentMember } from "./present.js";
import * as repo from "./repo.js";
import type { GroupCode, Member, MemberDetail, MembersQuery, Precision, Region } from "./schema.js";

export const today = () => new Date().toISOString().slice(0, 10);

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
    list.map((e) => ({ code: e.code, name: nameIn(e, lang) })).sort((a, b) => a.name.localeCompare(b.name, lang));
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
    .sort((a, b) => a.name.localeCompare(b.name, lang));
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
        note: null,
        source: options.source,
        verified_on: null,
        verified_by: null,
      };
      await repo.insertMembership(trx, membership);
      changes.push({ action: "create", entity: "group_membership", entityId: `${options.group}:${code}`, after: membership });
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
  memberships: { joinedOn: string; precision: Precision; source: string; note?: string; members: string[] }[];
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
    for (const e of economies) {
      await repo.upsertEconomy(trx, {
        code: e.code,
        numeric_code: e.numeric,
        region: e.region,
        name_en: economyName(e.code, "en"),
        name_fr: economyName(e.code, "fr"),
        name_es: economyName(e.code, "es"),
        wto_member_since: e.wtoMemberSince,
        source: e.source,
        verified_on: null,
        verified_by: null,
      });
    }
    for (const bloc of parts) {
      for (const p of bloc.parts) {
        await repo.upsertPart(trx, { whole_code: bloc.whole, part_code: p.code, from_date: p.from, to_date: p.to ?? null, source: bloc.source });
      }
    }
    let memberships = 0;
    for (const g of groups) {
      for (const m of g.memberships) {
        for (const code of m.members) {
          const inserted = await repo.insertMembership(trx, {
            group_code: g.group,
            economy_code: code,
            joined_on: m.joinedOn,
            joined_precision: m.precision,
            left_on: null,
            note: m.note ?? null,
            source: m.source,
            verified_on: null,
            verified_by: null,
          });
          if (inserted) memberships += 1;
        }
      }
    }
    return { economies: economies.length, memberships };
  });
}
