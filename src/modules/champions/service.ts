import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { EMPTY_TEXT, mergeText, resolveText, type StoredText } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { SitemapEntry } from "../../module.js";
import { recordChanges } from "../audit/service.js";
import { authorizeChampions } from "./policy.js";
import * as repo from "./repo.js";
import type { CompetitionRow, ResultRow } from "./repo.js";
import { type Competition, CompetitionName, type PLACES, Theme } from "./schema.js";

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
  return [{ path: "/champions" }, ...rows.map((r) => ({ path: `/champions/${r.year}` }))];
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
