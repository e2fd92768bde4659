import type { ColumnType, Generated } from "kysely";
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

// ---- Judging: eligibility questions, criteria, proposals, judges' scores --------------------------

/** The scale of every score, as the database bounds it. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 10;
export const MAX_QUESTIONS = 30;
export const MAX_CRITERIA = 20;
export const PROPOSAL_STATUSES = ["draft", "submitted"] as const;

export interface ChampionQuestionTable {
  year: number;
  position: number;
  prompt: string;
  expected: boolean;
}

export interface ChampionCriterionTable {
  year: number;
  position: number;
  name: string;
  weight: number;
}

export interface ChampionProposalTable {
  id: Generated<number>;
  year: number;
  applicant_id: number;
  organization: string;
  country: string;
  title: string;
  summary: string;
  status: ColumnType<(typeof PROPOSAL_STATUSES)[number], (typeof PROPOSAL_STATUSES)[number] | undefined, (typeof PROPOSAL_STATUSES)[number]>;
  submitted_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ChampionAnswerTable {
  proposal_id: number;
  year: number;
  position: number;
  answer: boolean;
}

export interface ChampionAssignmentTable {
  proposal_id: number;
  judge_id: number;
  year: number;
  conflict: Generated<boolean>;
  conflict_reason: string | null;
  assigned_at: Generated<Date>;
}

export interface ChampionScoreTable {
  proposal_id: number;
  judge_id: number;
  year: number;
  position: number;
  score: number;
  comment: string;
  conflict: Generated<boolean>;
  scored_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Tables {
    champion_questions: ChampionQuestionTable;
    champion_criteria: ChampionCriterionTable;
    champion_proposals: ChampionProposalTable;
    champion_answers: ChampionAnswerTable;
    champion_assignments: ChampionAssignmentTable;
    champion_scores: ChampionScoreTable;
  }
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => ({ text: l.trim() }))
    .filter((l) => l.text !== "");

/** One question per line: `yes | Question` (eligible when answered yes) or `no | Question`. */
export const QuestionsText = z
  .string()
  .max(10_000)
  .transform((text, ctx) => {
    const out: { prompt: string; expected: boolean }[] = [];
    for (const { text: l } of lines(text)) {
      const bar = l.indexOf("|");
      const expected = bar < 0 ? "" : l.slice(0, bar).trim().toLowerCase();
      const prompt = bar < 0 ? "" : l.slice(bar + 1).trim();
      if ((expected !== "yes" && expected !== "no") || prompt === "" || prompt.length > 500) {
        ctx.addIssue({ code: "custom", message: "champions.errors.questionLine" });
        return z.NEVER;
      }
      out.push({ prompt, expected: expected === "yes" });
    }
    if (out.length > MAX_QUESTIONS) {
      ctx.addIssue({ code: "custom", message: "champions.errors.tooMany" });
      return z.NEVER;
    }
    return out;
  });

/** One criterion per line: `weight | Name`; the weights are whole numbers adding up to 100. */
export const CriteriaText = z
  .string()
  .max(5_000)
  .transform((text, ctx) => {
    const out: { name: string; weight: number }[] = [];
    for (const { text: l } of lines(text)) {
      const bar = l.indexOf("|");
      const weight = bar < 0 ? "" : l.slice(0, bar).trim();
      const name = bar < 0 ? "" : l.slice(bar + 1).trim();
      if (!/^\d{1,3}$/.test(weight) || Number(weight) < 1 || Number(weight) > 100 || name === "" || name.length > 200) {
        ctx.addIssue({ code: "custom", message: "champions.errors.criterionLine" });
        return z.NEVER;
      }
      out.push({ name, weight: Number(weight) });
    }
    if (out.length > MAX_CRITERIA) {
      ctx.addIssue({ code: "custom", message: "champions.errors.tooMany" });
      return z.NEVER;
    }
    // (That the weights add up to 100 is checked by the service, which can say what they add up to.)
    return out;
  });

export const CallInput = z.object({ questions: QuestionsText.prefault(""), criteria: CriteriaText.prefault("") }).strict();

/** A proposal as its form sends it; every field may be empty in a draft. */
export const ProposalInput = z.object({
  organization: z.string().trim().max(300),
  country: z.string().trim().max(100),
  title: z.string().trim().max(300),
  summary: z.string().trim().max(5000),
  /** Each question's answer by position: "yes", "no", or "" (not answered yet). */
  answers: z.record(z.string().regex(/^\d{1,2}$/), z.enum(["yes", "no", ""])),
});
export type ProposalInput = z.output<typeof ProposalInput>;

/** Whether the applicant keeps a draft or submits. */
export const Intent = z.enum(["save", "submit"]);

export const ScoreValue = z
  .string()
  .trim()
  .regex(/^\d{1,2}$/, { error: "champions.errors.score" })
  .transform(Number)
  .pipe(z.number().int().min(SCORE_MIN, { error: "champions.errors.score" }).max(SCORE_MAX, { error: "champions.errors.score" }));
export const ScoreComment = z.string().trim().max(2000);
export const ConflictInput = z.object({ reason: z.string().trim().min(1, { error: "champions.errors.reasonNeeded" }).max(1000) }).strict();
export const AssignInput = z
  .object({
    proposal: z.string().regex(/^\d{1,12}$/, { error: "champions.errors.choose" }).transform(Number),
    judge: z.string().regex(/^\d{1,12}$/, { error: "champions.errors.choose" }).transform(Number),
  })
  .strict();
/** What the Secretariat records from the ranking: each proposal's place, or none. */
export const LaureatesInput = z.record(z.string().regex(/^place_\d{1,12}$/), z.enum(["", "winner", "runner_up"]));
