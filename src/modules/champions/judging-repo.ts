import { sql, type Selectable } from "kysely";
import type { Db } from "../../db/database.js";
import type { ChampionAssignmentTable, ChampionCriterionTable, ChampionProposalTable, ChampionQuestionTable } from "./schema.js";

/** SQL for the judging of the Small Business Champions; no rules here. */

export type QuestionRow = Selectable<ChampionQuestionTable>;
export type CriterionRow = Selectable<ChampionCriterionTable>;
export type ProposalRow = Selectable<ChampionProposalTable>;
export type AssignmentRow = Selectable<ChampionAssignmentTable>;

/** A year's proposals and assignments are bounded: no year has had more than about 90. */
export const MAX_PROPOSALS = 1000;

export const questionsOf = (db: Db, year: number) => db.selectFrom("champion_questions").selectAll().where("year", "=", year).orderBy("position").limit(50).execute();

export const criteriaOf = (db: Db, year: number) => db.selectFrom("champion_criteria").selectAll().where("year", "=", year).orderBy("position").limit(50).execute();

export async function replaceQuestions(db: Db, year: number, questions: readonly { prompt: string; expected: boolean }[]) {
  await db.deleteFrom("champion_questions").where("year", "=", year).execute();
  if (questions.length) await db.insertInto("champion_questions").values(questions.map((q, i) => ({ year, position: i + 1, ...q }))).execute();
}

export async function replaceCriteria(db: Db, year: number, criteria: readonly { name: string; weight: number }[]) {
  await db.deleteFrom("champion_criteria").where("year", "=", year).execute();
  if (criteria.length) await db.insertInto("champion_criteria").values(criteria.map((c, i) => ({ year, position: i + 1, ...c }))).execute();
}

export const proposalById = (db: Db, id: number, options: { forUpdate?: boolean } = {}) => {
  const q = db.selectFrom("champion_proposals").selectAll().where("id", "=", id);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
};

export const proposalOf = (db: Db, year: number, applicantId: number, options: { forUpdate?: boolean } = {}) => {
  const q = db.selectFrom("champion_proposals").selectAll().where("year", "=", year).where("applicant_id", "=", applicantId);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
};

export const answersOf = (db: Db, proposalId: number) => db.selectFrom("champion_answers").select(["position", "answer"]).where("proposal_id", "=", proposalId).orderBy("position").limit(50).execute();

type Fields = Pick<ProposalRow, "organization" | "country" | "title" | "summary">;

/** Makes or changes the applicant's draft; with `submit`, submits it at the database's clock. */
export async function upsertProposal(db: Db, year: number, applicantId: number, fields: Fields, submit: boolean): Promise<ProposalRow> {
  const status = submit ? ("submitted" as const) : ("draft" as const);
  const submittedAt = submit ? sql<Date>`now()` : null;
  return db
    .insertInto("champion_proposals")
    .values({ year, applicant_id: applicantId, ...fields, status, submitted_at: submittedAt })
    .onConflict((oc) => oc.columns(["year", "applicant_id"]).doUpdateSet({ ...fields, status, submitted_at: submittedAt, updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replaceAnswers(db: Db, proposalId: number, year: number, answers: readonly { position: number; answer: boolean }[]) {
  await db.deleteFrom("champion_answers").where("proposal_id", "=", proposalId).execute();
  if (answers.length) await db.insertInto("champion_answers").values(answers.map((a) => ({ proposal_id: proposalId, year, ...a }))).execute();
}

/** A year's proposals, submitted ones first (bounded). */
export const proposalsOf = (db: Db, year: number) =>
  db.selectFrom("champion_proposals").selectAll().where("year", "=", year).orderBy("status", "desc").orderBy("id").limit(MAX_PROPOSALS).execute();

export const assignmentOf = (db: Db, proposalId: number, judgeId: number, options: { forUpdate?: boolean } = {}) => {
  const q = db.selectFrom("champion_assignments").selectAll().where("proposal_id", "=", proposalId).where("judge_id", "=", judgeId);
  return (options.forUpdate ? q.forUpdate() : q).executeTakeFirst();
};

export const assignmentsOfYear = (db: Db, year: number) =>
  db.selectFrom("champion_assignments").selectAll().where("year", "=", year).orderBy("proposal_id").orderBy("judge_id").limit(MAX_PROPOSALS * 20).execute();

/** Adds an assignment; false when the judge was already assigned to that proposal. */
export async function insertAssignment(db: Db, row: { proposal_id: number; judge_id: number; year: number }): Promise<boolean> {
  const r = await db.insertInto("champion_assignments").values(row).onConflict((oc) => oc.columns(["proposal_id", "judge_id"]).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A judge's assignments with their proposals and how many criteria they scored (bounded). */
export const assignedTo = (db: Db, judgeId: number) =>
  db
    .selectFrom("champion_assignments as a")
    .innerJoin("champion_proposals as p", "p.id", "a.proposal_id")
    .select(["p.id", "p.year", "p.title", "p.organization", "p.country", "a.conflict"])
    .select((eb) => eb.selectFrom("champion_scores as s").whereRef("s.proposal_id", "=", "a.proposal_id").whereRef("s.judge_id", "=", "a.judge_id").select(sql<number>`count(*)::int`.as("n")).as("scored"))
    .where("a.judge_id", "=", judgeId)
    .orderBy("p.year", "desc")
    .orderBy("p.id")
    .limit(MAX_PROPOSALS)
    .execute();

export const scoresBy = (db: Db, proposalId: number, judgeId: number) =>
  db.selectFrom("champion_scores").select(["position", "score", "comment"]).where("proposal_id", "=", proposalId).where("judge_id", "=", judgeId).orderBy("position").limit(50).execute();

export async function replaceScores(db: Db, proposalId: number, judgeId: number, year: number, scores: readonly { position: number; score: number; comment: string }[]) {
  await db.deleteFrom("champion_scores").where("proposal_id", "=", proposalId).where("judge_id", "=", judgeId).execute();
  if (scores.length) await db.insertInto("champion_scores").values(scores.map((s) => ({ proposal_id: proposalId, judge_id: judgeId, year, ...s }))).execute();
}

export async function declareConflict(db: Db, proposalId: number, judgeId: number, reason: string) {
  await db.deleteFrom("champion_scores").where("proposal_id", "=", proposalId).where("judge_id", "=", judgeId).execute();
  await db.updateTable("champion_assignments").set({ conflict: true, conflict_reason: reason }).where("proposal_id", "=", proposalId).where("judge_id", "=", judgeId).execute();
}

/** Every score of a year (for the ranking; bounded by proposals × judges × criteria). */
export const scoresOfYear = (db: Db, year: number) =>
  db.selectFrom("champion_scores").select(["proposal_id", "judge_id", "position", "score"]).where("year", "=", year).limit(MAX_PROPOSALS * 20 * 20).execute();
