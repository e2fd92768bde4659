import type { Kysely, Selectable } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { ChampionCompetitionTable, ChampionResultTable } from "./schema.js";

type Exec = Db | Kysely<Tables>;
export type CompetitionRow = Omit<Selectable<ChampionCompetitionTable>, "updated_at">;
export type ResultRow = Selectable<ChampionResultTable>;

const COLUMNS = [
  "year",
  "name",
  "theme",
  "partners",
  "call_opens_at",
  "call_closes_at",
  "time_zone",
  "launched_at_event",
  "launched_on",
  "announced_on",
  "proposals_reported",
  "proposals_approximate",
  "winners_reported",
  "source",
] as const;

export async function findCompetition(db: Exec, year: number): Promise<CompetitionRow | undefined> {
  return db.selectFrom("champion_competitions").select(COLUMNS).where("year", "=", year).executeTakeFirst();
}

/** Every competition, the latest first (one a year: bounded). */
export async function listCompetitions(db: Exec, limit: number): Promise<CompetitionRow[]> {
  return db.selectFrom("champion_competitions").select(COLUMNS).orderBy("year", "desc").limit(limit).execute();
}

export async function resultsOf(db: Exec, years: readonly number[]): Promise<ResultRow[]> {
  if (years.length === 0) return [];
  return db.selectFrom("champion_results").selectAll().where("year", "in", years).orderBy("year").orderBy("place").orderBy("position").execute();
}

export async function insertCompetition(db: Exec, row: CompetitionRow): Promise<boolean> {
  const result = await db
    .insertInto("champion_competitions")
    .values({ ...row, name: JSON.stringify(row.name), theme: JSON.stringify(row.theme) })
    .onConflict((oc) => oc.column("year").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertResult(db: Exec, row: ResultRow): Promise<boolean> {
  const result = await db
    .insertInto("champion_results")
    .values(row)
    .onConflict((oc) => oc.columns(["year", "place", "position"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findCompetitionForUpdate(db: Exec, year: number): Promise<CompetitionRow | undefined> {
  return db.selectFrom("champion_competitions").select(COLUMNS).where("year", "=", year).forUpdate().executeTakeFirst();
}

export async function updateCompetition(db: Exec, year: number, changes: Omit<CompetitionRow, "year">): Promise<void> {
  await db
    .updateTable("champion_competitions")
    .set({ ...changes, name: JSON.stringify(changes.name), theme: JSON.stringify(changes.theme), updated_at: new Date().toISOString() })
    .where("year", "=", year)
    .execute();
}

/** Replaces a year's results with these (in one transaction with the caller's change). */
export async function replaceResults(db: Exec, year: number, results: readonly ResultRow[]): Promise<void> {
  await db.deleteFrom("champion_results").where("year", "=", year).execute();
  if (results.length) await db.insertInto("champion_results").values([...results]).execute();
}
