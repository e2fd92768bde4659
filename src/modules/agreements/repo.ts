import { type Kysely, type Selectable, sql } from "kysely";
import type { Db, Tables } from "../../db/database.js";
import type { AgreementTable, Category, MsmeProvisionTable } from "./schema.js";

type Exec = Db | Kysely<Tables>;

export type AgreementRow = Omit<Selectable<AgreementTable>, "updated_at">;
export type AgreementValues = Omit<AgreementRow, "signed_on" | "in_force_on">;
export type ProvisionRow = Selectable<MsmeProvisionTable>;

const AGREEMENT_COLUMNS = [
  "rta_id",
  "name",
  "coverage",
  "type",
  "notification",
  "status",
  "signed_goods",
  "signed_services",
  "notified_goods",
  "notified_services",
  "in_force_goods",
  "in_force_services",
  "inactive_on",
  "signed_on",
  "in_force_on",
  "accession",
  "composition",
  "regions",
  "cross_regional",
  "all_wto_members",
  "remarks",
  "source",
] as const;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

// --- Blocs ---------------------------------------------------------------------------------------

export async function upsertBloc(db: Exec, bloc: Selectable<Tables["rta_blocs"]>) {
  await db
    .insertInto("rta_blocs")
    .values(bloc)
    .onConflict((oc) => oc.column("code").doUpdateSet({ name_en: bloc.name_en, name_fr: bloc.name_fr, name_es: bloc.name_es, source: bloc.source }))
    .execute();
}

export async function replaceBlocMembers(db: Exec, bloc: string, members: Omit<Selectable<Tables["bloc_members"]>, "bloc">[]) {
  await db.deleteFrom("bloc_members").where("bloc", "=", bloc).execute();
  if (members.length) await db.insertInto("bloc_members").values(members.map((m) => ({ ...m, bloc }))).execute();
}

export async function allBlocs(db: Exec) {
  return db.selectFrom("rta_blocs").selectAll().orderBy("code").limit(1000).execute();
}

export async function allBlocMembers(db: Exec) {
  return db.selectFrom("bloc_members").selectAll().orderBy("bloc").orderBy("economy").limit(10_000).execute();
}

// --- Agreements, whole -----------------------------------------------------------------------------

export interface AgreementChildren {
  parties: Selectable<Tables["agreement_parties"]>[];
  memberDates: Selectable<Tables["agreement_member_dates"]>[];
  changes: Selectable<Tables["agreement_changes"]>[];
}

/** Agreements with their parties, dates and history; all of them when `ids` is undefined (an import compares them all). */
export async function agreementsWhole(
  db: Exec,
  ids?: readonly number[],
  options: { changes?: boolean } = {},
): Promise<Map<number, { agreement: AgreementRow } & AgreementChildren>> {
  const out = new Map<number, { agreement: AgreementRow } & AgreementChildren>();
  if (ids && ids.length === 0) return out;
  const some = ids !== undefined;
  const wanted = ids ?? [];
  // Four reads of the same ids, at once (each on its own connection outside a transaction).
  const [agreements, parties, dates, changes] = await Promise.all([
    db.selectFrom("agreements").select(AGREEMENT_COLUMNS).$if(some, (q) => q.where("rta_id", "in", wanted)).orderBy("rta_id").limit(100_000).execute(),
    db
      .selectFrom("agreement_parties")
      .selectAll()
      .$if(some, (q) => q.where("rta_id", "in", wanted))
      .orderBy("rta_id")
      .orderBy("role")
      .orderBy("position")
      .limit(2_000_000)
      .execute(),
    db.selectFrom("agreement_member_dates").selectAll().$if(some, (q) => q.where("rta_id", "in", wanted)).orderBy("rta_id").orderBy("economy").limit(1_000_000).execute(),
    options.changes === false
      ? Promise.resolve([])
      : db.selectFrom("agreement_changes").selectAll().$if(some, (q) => q.where("rta_id", "in", wanted)).orderBy("rta_id").orderBy("position").limit(1_000_000).execute(),
  ]);
  for (const a of agreements) out.set(a.rta_id, { agreement: a, parties: [], memberDates: [], changes: [] });
  for (const p of parties) out.get(p.rta_id)?.parties.push(p);
  for (const d of dates) out.get(d.rta_id)?.memberDates.push(d);
  for (const c of changes) out.get(c.rta_id)?.changes.push(c);
  return out;
}

export async function insertAgreements(db: Exec, rows: AgreementValues[]) {
  for (const batch of chunks(rows, 200)) await db.insertInto("agreements").values(batch).execute();
}

export async function updateAgreement(db: Exec, row: AgreementValues) {
  const { rta_id, ...values } = row;
  await db.updateTable("agreements").set({ ...values, updated_at: sql`now()` }).where("rta_id", "=", rta_id).execute();
}

export async function deleteChildren(db: Exec, ids: readonly number[]) {
  if (!ids.length) return;
  await db.deleteFrom("agreement_parties").where("rta_id", "in", ids).execute();
  await db.deleteFrom("agreement_member_dates").where("rta_id", "in", ids).execute();
  await db.deleteFrom("agreement_changes").where("rta_id", "in", ids).execute();
}

export async function insertChildren(db: Exec, children: AgreementChildren) {
  for (const batch of chunks(children.parties, 1000)) await db.insertInto("agreement_parties").values(batch).execute();
  for (const batch of chunks(children.memberDates, 1000)) await db.insertInto("agreement_member_dates").values(batch).execute();
  for (const batch of chunks(children.changes, 500)) await db.insertInto("agreement_changes").values(batch).execute();
}

// --- The list ------------------------------------------------------------------------------------

export interface ListFilter {
  /** Party codes any of which the agreement must list (the economy asked and the blocs it is in). */
  parties?: readonly string[];
  status?: string;
  type?: string;
  coverage?: string;
  region?: string;
  from?: number;
  to?: number;
  msme?: "yes" | "no";
  category?: Category;
  q?: string;
  sort?: string;
  limit: number;
  offset: number;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What a list row shows: the long texts (remarks) stay out of the sort. */
const LIST_COLUMNS = ["rta_id", "name", "coverage", "type", "status", "signed_on", "in_force_on", "inactive_on", "regions"] as const;
export type AgreementListRow = Pick<AgreementRow, (typeof LIST_COLUMNS)[number]>;

export async function listAgreements(db: Exec, f: ListFilter): Promise<{ rows: AgreementListRow[]; total: number }> {
  let q = db.selectFrom("agreements as a").select(LIST_COLUMNS.map((c) => `a.${c}` as const));
  const parties = f.parties;
  if (parties?.length) {
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom("agreement_parties as p").select(sql`1`.as("one")).whereRef("p.rta_id", "=", "a.rta_id").where("p.party", "in", parties)),
    );
  }
  if (f.status) q = q.where("a.status", "=", f.status);
  if (f.type) q = q.where("a.type", "=", f.type);
  if (f.coverage) q = q.where("a.coverage", "=", f.coverage);
  if (f.region) q = q.where(sql<boolean>`a.regions @> array[${f.region}]::text[]`);
  if (f.from !== undefined) q = q.where("a.in_force_on", ">=", `${f.from}-01-01`);
  if (f.to !== undefined) q = q.where("a.in_force_on", "<=", `${f.to}-12-31`);
  if (f.q) q = q.where("a.name", "ilike", `%${escapeLike(f.q)}%`);
  if (f.msme || f.category) {
    const category = f.category;
    const without = f.msme === "no" && !category;
    q = q.where((eb) => {
      const coded = eb.exists(
        eb
          .selectFrom("msme_provisions as m")
          .select(sql`1`.as("one"))
          .whereRef("m.rta_id", "=", "a.rta_id")
          .$if(category !== undefined, (sub) => sub.where("m.category", "=", category as Category)),
      );
      return without ? eb.not(coded) : coded;
    });
  }
  const [column, direction] = sortOf(f.sort);
  const [rows, count] = await Promise.all([
    q
      .orderBy(sql`${sql.ref(`a.${column}`)} ${sql.raw(direction)} nulls last`)
      .orderBy("a.rta_id")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.clearSelect().select((eb) => eb.fn.countAll().as("n")).executeTakeFirst(),
  ]);
  const total = Number(count?.n ?? 0);
  return { rows, total };
}

function sortOf(sort: string | undefined): [string, "asc" | "desc"] {
  const descending = sort?.startsWith("-") ?? false;
  const key = sort?.replace(/^-/, "") ?? "in_force";
  const column = key === "name" ? "name" : key === "signed" ? "signed_on" : key === "id" ? "rta_id" : "in_force_on";
  // By default the most recent entries into force first.
  if (!sort) return ["in_force_on", "desc"];
  return [column, descending ? "desc" : "asc"];
}

export async function partiesOf(db: Exec, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom("agreement_parties").selectAll().where("rta_id", "in", ids).orderBy("rta_id").orderBy("role").orderBy("position").execute();
}

export async function categoriesOf(db: Exec, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom("msme_provisions").select(["rta_id", "category"]).distinct().where("rta_id", "in", ids).execute();
}

export async function provisionsOf(db: Exec, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom("msme_provisions").selectAll().where("rta_id", "in", ids).orderBy("rta_id").orderBy("category").orderBy("id").limit(10_000).execute();
}

/** Agreements listing a party of each set (candidates for "between"). */
export async function candidatesBetween(db: Exec, a: readonly string[], b: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom("agreement_parties as x")
    .innerJoin("agreement_parties as y", "y.rta_id", "x.rta_id")
    .select("x.rta_id")
    .distinct()
    .where("x.party", "in", a)
    .where("y.party", "in", b)
    .whereRef("x.party", "<>", "y.party")
    .limit(10_000)
    .execute();
  return rows.map((r) => r.rta_id);
}

/** For the chart: per year, agreements in force at the year's end, with and without MSME provisions coded. */
export async function inForceByYear(db: Exec, from: number, to: number) {
  const { rows } = await sql<{ year: number; with_msme: number; without_msme: number }>`
    with a as (
      select in_force_on, inactive_on, exists (select 1 from msme_provisions m where m.rta_id = agreements.rta_id) as msme
      from agreements where in_force_on is not null and status <> 'negotiating'
    )
    select y.year::int as year,
      count(*) filter (where a.msme)::int as with_msme,
      count(*) filter (where not a.msme)::int as without_msme
    from generate_series(${from}::int, ${to}::int) as y(year)
    left join a on a.in_force_on <= make_date(y.year, 12, 31) and (a.inactive_on is null or a.inactive_on > make_date(y.year, 12, 31))
    group by y.year order by y.year`.execute(db);
  return rows.map((r) => ({ year: r.year, withMsme: r.with_msme, withoutMsme: r.without_msme }));
}

export async function agreementIds(db: Exec, limit: number) {
  return (await db.selectFrom("agreements").select("rta_id").orderBy("rta_id").limit(limit).execute()).map((r) => r.rta_id);
}

export async function pageDates(db: Exec, limit: number) {
  return db.selectFrom("agreements").select(["rta_id", "updated_at"]).orderBy("rta_id").limit(limit).execute();
}

export async function countAgreements(db: Exec) {
  return Number((await db.selectFrom("agreements").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())?.n ?? 0);
}

// --- Provisions ------------------------------------------------------------------------------------

export async function findProvision(db: Exec, id: number, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom("msme_provisions").selectAll().where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findProvisionByKey(db: Exec, rtaId: number, category: string, chapter: string) {
  return db.selectFrom("msme_provisions").selectAll().where("rta_id", "=", rtaId).where("category", "=", category as Category).where("chapter", "=", chapter).executeTakeFirst();
}

export async function insertProvision(db: Exec, row: Omit<ProvisionRow, "id" | "updated_at">) {
  return db.insertInto("msme_provisions").values(row).onConflict((oc) => oc.columns(["rta_id", "category", "chapter"]).doNothing()).returningAll().executeTakeFirst();
}

export async function updateProvision(db: Exec, id: number, values: Partial<Omit<ProvisionRow, "id" | "rta_id" | "updated_at">>) {
  return db.updateTable("msme_provisions").set({ ...values, updated_at: sql`now()` }).where("id", "=", id).returningAll().executeTakeFirst();
}

export async function deleteProvision(db: Exec, id: number) {
  return db.deleteFrom("msme_provisions").where("id", "=", id).returningAll().executeTakeFirst();
}

export async function findAgreement(db: Exec, rtaId: number) {
  return db.selectFrom("agreements").select(AGREEMENT_COLUMNS).where("rta_id", "=", rtaId).executeTakeFirst();
}

/** Agreements with provisions coded, for the back office's list. */
export async function codedAgreements(db: Exec, limit: number, offset: number) {
  return db
    .selectFrom("agreements as a")
    .leftJoin("msme_provisions as m", "m.rta_id", "a.rta_id")
    .select(["a.rta_id", "a.name", "a.status"])
    .select((eb) => [eb.fn.count("m.id").as("provisions"), eb.fn.max("m.verified_on").as("verified_on"), sql<number>`count(*) over ()`.as("total")])
    .groupBy(["a.rta_id", "a.name", "a.status"])
    .having((eb) => eb.fn.count("m.id"), ">", 0)
    .orderBy("a.name")
    .limit(limit)
    .offset(offset)
    .execute();
}
