import type { ColumnType } from "kysely";
import { z } from "zod";
import { type StoredText, translatableText } from "../../i18n/content.js";
import { LANGS } from "../../i18n/lang.js";

export const CompetitionName = translatableText({ max: 200 });
export const Theme = translatableText({ max: 300 });
export const PLACES = ["winner", "runner_up"] as const;

export interface ChampionCompetitionTable {
  year: number;
  name: ColumnType<StoredText, string, string>;
  theme: ColumnType<StoredText, string | undefined, string>;
  partners: string[];
  call_opens_at: Date | null;
  call_closes_at: Date | null;
  time_zone: string;
  launched_at_event: string | null;
  launched_on: string | null;
  announced_on: string | null;
  proposals_reported: number | null;
  proposals_approximate: boolean;
  winners_reported: number | null;
  source: string;
  updated_at: ColumnType<Date, never, string>;
}

export interface ChampionResultTable {
  year: number;
  place: (typeof PLACES)[number];
  position: number;
  name: string;
  country: string | null;
  source: string;
}

declare module "../../db/database.js" {
  interface Tables {
    champion_competitions: ChampionCompetitionTable;
    champion_results: ChampionResultTable;
  }
}

export const Year = z.coerce.number().int().min(2017).max(2100);

const Laureate = z.object({
  name: z.string(),
  country: z.string().nullable().meta({ description: "As the source gives it: a country, or Global" }),
});

export const Competition = z.object({
  year: z.number().int(),
  name: z.string(),
  nameLang: z.enum(LANGS),
  theme: z.string().nullable(),
  themeLang: z.enum(LANGS).nullable(),
  partners: z.array(z.string()).meta({ description: "Who runs the competition with the MSME Group (Network organization slugs)" }),
  callOpensAt: z.iso.datetime({ offset: true }).nullable(),
  callClosesAt: z.iso.datetime({ offset: true }).nullable(),
  timeZone: z.string(),
  launchedOn: z.iso.date().nullable(),
  launchedAtEvent: z.string().nullable().meta({ description: "Event (id) the competition was launched at" }),
  announcedOn: z.iso.date().nullable(),
  proposalCount: z.number().int().nullable().meta({ description: "Proposals received, as reported" }),
  proposalCountApproximate: z.boolean().meta({ description: "The source gives the count as an approximation (\"nearly 90\")" }),
  winnersReported: z.number().int().nullable().meta({ description: "How many winners the source counts, when it names fewer" }),
  winners: z.array(Laureate),
  runnersUp: z.array(Laureate),
  source: z.string(),
});
export type Competition = z.output<typeof Competition>;

export const CompetitionsList = z.object({ items: z.array(Competition), total: z.number().int() });

// ---- The Secretariat's forms --------------------------------------------------------------------

const Day = z.iso.date();
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "champions.errors.time" });
const optionalInt = z
  .string()
  .trim()
  .regex(/^\d{0,6}$/, { error: "champions.errors.number" })
  .transform((v) => (v === "" ? null : Number(v)));

/** One laureate per line: `winner | Name | Country` (or `runner-up | …`; the country may be left out). */
export const ResultsText = z
  .string()
  .max(5000)
  .transform((text, ctx) => {
    const out: { place: (typeof PLACES)[number]; name: string; country: string | null }[] = [];
    for (const [i, raw] of text.split(/\r?\n/).entries()) {
      const line = raw.trim();
      if (line === "") continue;
      const [place, name, country] = line.split("|").map((p) => p.trim());
      const known = place === "winner" ? "winner" : place === "runner-up" || place === "runner_up" ? "runner_up" : null;
      if (!known || !name || name.length > 300 || (country ?? "").length > 100) {
        ctx.addIssue({ code: "custom", message: "champions.errors.resultLine", params: { line: i + 1 } });
        return z.NEVER;
      }
      out.push({ place: known, name, country: country || null });
    }
    return out;
  });

/** A year's competition as the Secretariat enters it: the call's opening and deadline on the clock of `time_zone`. */
export const CompetitionInput = z
  .object({
    name: CompetitionName.edit,
    theme: Theme.edit.optional(),
    partners: z
      .string()
      .max(200)
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { error: "champions.errors.partners" })).max(10)),
    opens_on: z.union([z.literal(""), Day]).default(""),
    opens_at: z.union([z.literal(""), Clock]).default(""),
    closes_on: z.union([z.literal(""), Day]).default(""),
    closes_at: z.union([z.literal(""), Clock]).default(""),
    time_zone: z.string().trim().max(64),
    proposals_reported: optionalInt.prefault(""),
    results: ResultsText.prefault(""),
    source: z.string().trim().min(1).max(500),
  })
  .strict();
export type CompetitionInput = z.output<typeof CompetitionInput>;

export const NewCompetitionInput = z.object({ year: z.coerce.number().int().min(2017).max(2100) }).strict();
