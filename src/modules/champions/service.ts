import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, resolveText, type StoredText, type TextEdit } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { SitemapEntry } from "../../module.js";
import { recordChanges } from "../audit/service.js";
import { authorizeChampions } from "./policy.js";
import * as repo from "./repo.js";
import type { CompetitionRow, ResultRow } from "./repo.js";
import { type Competition, CompetitionInput, CompetitionName, NewCompetitionInput, type PLACES, Theme } from "./schema.js";
import { isTimeZone, zonedInstant } from "../events/service.js";

export type { Competition } from "./schema.js";

const MAX_YEARS = 200;

function present(row: CompetitionRow, results: readonly ResultRow[], lang: Lang): Competition {
  const name = resolveText(row.name, lang) ?? { text: String(row.year), lang };
  const theme = resolveText(row.theme, lang);
  const laureates = (place: (typeof PLACES)[number]) => results.filter((r) => r.year === row.year && r.place === place).map((r) => ({ name: r.name, country: r.country }));
  return {
    year: row.year,
    name: name.text,
    nameLang: name.lang,
    theme: theme?.text ?? null,
    themeLang: theme?.lang ?? null,
    partners: row.partners,
    callOpensAt: row.call_opens_at?.toISOString() ?? null,
    callClosesAt: row.call_closes_at?.toISOString() ?? null,
    timeZone: row.time_zone,
    launchedOn: row.launched_on,
    launchedAtEvent: row.launched_at_event,
    announcedOn: row.announced_on,
    proposalCount: row.proposals_reported,
    proposalCountApproximate: row.proposals_approximate,
    winnersReported: row.winners_reported,
    winners: laureates("winner"),
    runnersUp: laureates("runner_up"),
    source: row.source,
  };
}

/** One year's competition with its results; 404 when there was none that year. */
export async function getCompetition(actor: Actor, db: Db, year: number, lang: Lang): Promise<Competition> {
  authorizeChampions(actor, "read");
  const row = await repo.findCompetition(db, year);
  if (!row) throw notFound();
  return present(row, await repo.resultsOf(db, [year]), lang);
}

/** Every year's competition, the latest first. */
export async function listCompetitions(actor: Actor, db: Db, lang: Lang): Promise<{ items: Competition[]; total: number }> {
  authorizeChampions(actor, "read");
  const rows = await repo.listCompetitions(db, MAX_YEARS);
  const results = await repo.resultsOf(db, rows.map((r) => r.year));
  return { items: rows.map((r) => present(r, results, lang)), total: rows.length };
}

export async function championPages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeChampions(actor, "read");
  const rows = await repo.listCompetitions(db, MAX_YEARS);
  // A year's call page is listed once the call has a deadline (before that it says there is no call).
  return [{ path: "/champions" }, ...rows.flatMap((r) => [{ path: `/champions/${r.year}` }, ...(r.call_closes_at ? [{ path: `/champions/${r.year}/apply` }] : [])])];
}

// --- Demo data ------------------------------------------------------------------------------------

const Texts = z.partialRecord(z.enum(["en", "fr", "es"]), z.string().min(1));
const Laureate = z.object({ name: z.string().min(1).max(300), country: z.string().min(1).max(100).nullable(), source: z.string().min(1).max(500) });
const Demo = z.array(
  z.object({
    year: z.number().int(),
    name: Texts,
    theme: Texts.optional(),
    partners: z.array(z.string()),
    launchedOn: z.iso.date().nullable(),
    launchedAtEvent: z.string().nullable(),
    announcedOn: z.iso.date().nullable(),
    proposalsReported: z.number().int().nullable(),
    proposalsApproximate: z.boolean(),
    winnersReported: z.number().int().nullable(),
    source: z.string().min(1).max(500),
    winners: z.array(Laureate),
    runnersUp: z.array(Laureate),
  }),
);

const textOf = (values: Partial<Record<Lang, string>> | undefined, schema: typeof CompetitionName | typeof Theme): StoredText => {
  if (!values) return EMPTY_TEXT;
  const edit = Object.fromEntries(Object.entries(values).map(([l, v]) => [l, { text: v }]));
  const merged = mergeText(EMPTY_TEXT, edit, new Date("2023-01-01T00:00:00Z"));
  if (!merged.ok) throw new Error("champions.json: a text is not valid");
  return schema.stored.parse(merged.value);
};

/** Loads the hand-curated competitions and results (`data/demo/champions.json`); idempotent. */
export async function seedChampions(actor: Actor, db: Db): Promise<number> {
  authorizeChampions(actor, "seed");
  const demo = Demo.parse(JSON.parse(await readFile(new URL("../../../data/demo/champions.json", import.meta.url), "utf8")).competitions);
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (const c of demo) {
      const row: CompetitionRow = {
        year: c.year,
        name: textOf(c.name, CompetitionName),
        theme: textOf(c.theme, Theme),
        partners: c.partners,
        call_opens_at: null,
        call_closes_at: null,
        time_zone: "Europe/Zurich",
        launched_at_event: c.launchedAtEvent,
        launched_on: c.launchedOn,
        announced_on: c.announcedOn,
        proposals_reported: c.proposalsReported,
        proposals_approximate: c.proposalsApproximate,
        winners_reported: c.winnersReported,
        source: c.source,
      };
      if (!(await repo.insertCompetition(trx, row))) continue;
      created++;
      const results: ResultRow[] = [
        ...c.winners.map((w, i) => ({ year: c.year, place: "winner" as const, position: i + 1, ...w })),
        ...c.runnersUp.map((w, i) => ({ year: c.year, place: "runner_up" as const, position: i + 1, ...w })),
      ];
      for (const r of results) await repo.insertResult(trx, r);
      await recordChanges(trx, actor, [
        { action: "create", entity: "champion_competition", entityId: String(c.year), after: { year: c.year, partners: c.partners.join(" "), results: results.map((r) => `${r.place}: ${r.name}`).join("; ") } },
      ]);
    }
    return created;
  });
}

// --- The Secretariat: setting up a year and recording its results ---------------------------------

export const mayAdministerChampions = (actor: Actor) => {
  try {
    authorizeChampions(actor, "administer");
    return true;
  } catch {
    return false;
  }
};
export const authorizeAdministerChampions = (actor: Actor) => authorizeChampions(actor, "administer");

const yearTaken = () => new AppError(409, "conflict", "champions.errors.yearTaken", [{ field: "year", message: "champions.errors.yearTaken" }]);

/** Opens a year (Secretariat only): a competition named after the year, to be completed in its form; 409 when it exists. */
export async function createCompetition(actor: Actor, db: Db, input: unknown): Promise<number> {
  authorizeChampions(actor, "administer");
  const parsed = check(NewCompetitionInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { year } = parsed.value;
  const title = `Small Business Champions ${year}`;
  const row: CompetitionRow = {
    year,
    name: textOf({ en: title, fr: title, es: title }, CompetitionName),
    theme: EMPTY_TEXT,
    partners: ["icc", "itc"],
    call_opens_at: null,
    call_closes_at: null,
    time_zone: "Europe/Zurich",
    launched_at_event: null,
    launched_on: null,
    announced_on: null,
    proposals_reported: null,
    proposals_approximate: false,
    winners_reported: null,
    source: "Secretariat",
  };
  return db.transaction().execute(async (trx) => {
    if (!(await repo.insertCompetition(trx, row))) throw yearTaken();
    await recordChanges(trx, actor, [{ action: "create", entity: "champion_competition", entityId: String(year), after: { year, name: title } }]);
    return year;
  });
}

/** The stored competition and its results, for the Secretariat's form. */
export async function getCompetitionForEdit(actor: Actor, db: Db, year: number): Promise<{ row: CompetitionRow; results: ResultRow[] }> {
  authorizeChampions(actor, "administer");
  const row = await repo.findCompetition(db, year);
  if (!row) throw notFound();
  return { row, results: await repo.resultsOf(db, [year]) };
}

function merged(field: "name" | "theme", stored: StoredText, edit: TextEdit | undefined): StoredText {
  if (edit === undefined) return stored;
  const result = mergeText(stored, edit, new Date());
  if (!result.ok) throw invalidInput(problemsAt(field, result.problems));
  return (field === "name" ? CompetitionName : Theme).stored.parse(result.value);
}

const auditedCompetition = (row: CompetitionRow, results: readonly ResultRow[]) => ({
  ...auditedText("name", row.name),
  ...auditedText("theme", row.theme),
  partners: row.partners.join(" "),
  call_opens_at: row.call_opens_at?.toISOString() ?? null,
  call_closes_at: row.call_closes_at?.toISOString() ?? null,
  time_zone: row.time_zone,
  proposals_reported: row.proposals_reported,
  source: row.source,
  results: results.map((r) => `${r.place}: ${r.name}${r.country ? ` (${r.country})` : ""}`).join("; "),
});

/**
 * Sets up a year's competition and records its winners and runners-up (Secretariat only), in one
 * transaction with its audit record. The call's opening and deadline are typed on the clock of
 * the competition's time zone and stored as instants.
 */
export async function updateCompetition(actor: Actor, db: Db, year: number, input: unknown): Promise<void> {
  authorizeChampions(actor, "administer");
  const parsed = check(CompetitionInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const v = parsed.value;
  if (!isTimeZone(v.time_zone)) throw invalidInput([{ field: "time_zone", message: "champions.errors.timeZone" }]);
  const instant = (day: string, time: string, field: string) => {
    if (day === "" && time === "") return null;
    if (day === "" || time === "") throw invalidInput([{ field, message: "champions.errors.dayAndTime" }]);
    return zonedInstant(day, time, v.time_zone);
  };
  const opens = instant(v.opens_on, v.opens_at, "opens_on");
  const closes = instant(v.closes_on, v.closes_at, "closes_on");
  if (opens && closes && closes <= opens) throw invalidInput([{ field: "closes_on", message: "champions.errors.closesBeforeOpens" }]);
  await db.transaction().execute(async (trx) => {
    const before = await repo.findCompetitionForUpdate(trx, year);
    if (!before) throw notFound();
    const beforeResults = await repo.resultsOf(trx, [year]);
    const name = merged("name", before.name, v.name);
    if (!name.source) throw invalidInput([{ field: "name.en.text", message: "champions.errors.nameNeeded" }]);
    const after: CompetitionRow = {
      ...before,
      name,
      theme: merged("theme", before.theme, v.theme),
      partners: v.partners,
      call_opens_at: opens,
      call_closes_at: closes,
      time_zone: v.time_zone,
      proposals_reported: v.proposals_reported,
      proposals_approximate: v.proposals_reported === before.proposals_reported ? before.proposals_approximate : false,
      source: v.source,
    };
    const positions = { winner: 0, runner_up: 0 };
    const results: ResultRow[] = v.results.map((r) => ({ year, place: r.place, position: ++positions[r.place], name: r.name, country: r.country, source: v.source }));
    const { year: _, ...changes } = after;
    await repo.updateCompetition(trx, year, changes);
    await repo.replaceResults(trx, year, results);
    await recordChanges(trx, actor, [
      { action: "update", entity: "champion_competition", entityId: String(year), before: auditedCompetition(before, beforeResults), after: auditedCompetition(after, results) },
    ]);
  });
}

/** Every year, for the Secretariat's list. */
export async function listCompetitionsForAdmin(actor: Actor, db: Db, lang: Lang) {
  authorizeChampions(actor, "administer");
  return listCompetitions(actor, db, lang);
}

// --- Judging (proposals, judges, ranking): see judging.ts ---------------------------------------
export {
  assignJudge,
  callState,
  declareConflict,
  getCall,
  getJudging,
  getProposal,
  inZone,
  myAssignments,
  myProposal,
  recordLaureates,
  saveCall,
  saveProposal,
  saveScores,
  signUpForCall,
} from "./judging.js";
export { rankProposals } from "./ranking.js";
