import type { Actor, UserActor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, type FieldProblem, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { messages } from "../../i18n/catalogue.js";
import type { Lang } from "../../i18n/lang.js";
import { judgesOf, requestApplicantAccount } from "../accounts/service.js";
import { recordChanges } from "../audit/service.js";
import * as jrepo from "./judging-repo.js";
import type { AssignmentRow, CriterionRow, ProposalRow, QuestionRow } from "./judging-repo.js";
import { authorizeChampions, authorizeProposal, type ProposalResource } from "./policy.js";
import { rankProposals, type Ranked } from "./ranking.js";
import * as repo from "./repo.js";
import type { CompetitionRow, ResultRow } from "./repo.js";
import { AssignInput, CallInput, ConflictInput, Intent, LaureatesInput, ProposalInput, ScoreComment, ScoreValue } from "./schema.js";

/**
 * The judging of the Small Business Champions: the call's questions and criteria, applicants'
 * proposals (drafts, then submitted within the call), judges' scores and conflicts of interest,
 * and the Secretariat's ranking from which the results are recorded. Every change is one
 * transaction with its audit record.
 */

const unique = (e: unknown, code: string) => (e as { code?: string } | null)?.code === code;

async function competitionOr404(db: Db, year: number): Promise<CompetitionRow> {
  const row = await repo.findCompetition(db, year);
  if (!row) throw notFound();
  return row;
}

/** The call as it stands: open (now between opening and deadline), not open yet, closed, or not announced. */
export type CallState = "open" | "not-yet" | "closed" | "unset";
export function callState(c: Pick<CompetitionRow, "call_opens_at" | "call_closes_at">, now = new Date()): CallState {
  if (!c.call_closes_at) return "unset";
  if (c.call_opens_at && now < c.call_opens_at) return "not-yet";
  return now > c.call_closes_at ? "closed" : "open";
}

/** An instant on the clock of a zone, in a language, with the zone named ("31 August 2031, 23:59 (Europe/Zurich)"). */
export function inZone(lang: Lang, at: Date, zone: string): string {
  const text = new Intl.DateTimeFormat(lang, { timeZone: zone, dateStyle: "long", timeStyle: "short", hourCycle: "h23" }).format(at);
  return `${text} (${zone})`;
}

export interface Call {
  competition: CompetitionRow;
  state: CallState;
  questions: QuestionRow[];
  criteria: CriterionRow[];
}

/** A year's call: its deadline, eligibility questions and criteria (public). */
export async function getCall(actor: Actor, db: Db, year: number): Promise<Call> {
  authorizeChampions(actor, "read");
  const competition = await competitionOr404(db, year);
  const [questions, criteria] = await Promise.all([jrepo.questionsOf(db, year), jrepo.criteriaOf(db, year)]);
  return { competition, state: callState(competition), questions, criteria };
}

// --- Applicants ----------------------------------------------------------------------------------

/**
 * Someone asks for an applicant account from the public call: a confirmation link is emailed
 * (the accounts module's single-use links); the answer is the same whether or not the address has
 * an account. Refused (404) for a year without a competition.
 */
export async function signUpForCall(actor: Actor, db: Db, year: number, input: { email: string; name: string }, lang: Lang): Promise<void> {
  authorizeChampions(actor, "read");
  await competitionOr404(db, year);
  await requestApplicantAccount(db, { ...input, lang, next: `/${lang}/champions/${year}/proposal` });
}

export interface ProposalView {
  proposal: ProposalRow | null;
  answers: Map<number, boolean>;
  call: Call;
}

/** The signed-in applicant's own proposal for a year (null before their first save). */
export async function myProposal(actor: Actor, db: Db, year: number): Promise<ProposalView> {
  authorizeChampions(actor, "apply");
  const call = await getCall(actor, db, year);
  const proposal = (await jrepo.proposalOf(db, year, (actor as UserActor).id)) ?? null;
  const answers = new Map(proposal ? (await jrepo.answersOf(db, proposal.id)).map((a) => [a.position, a.answer]) : []);
  return { proposal, answers, call };
}

const refused = (status: number, problems: FieldProblem[]) => new AppError(status, status === 409 ? "conflict" : "invalid_input", "errors.invalidInput", problems);

/**
 * Saves the applicant's draft, or submits it. A submission is refused, with every reason named at
 * its field, when the call is not open (the deadline given on the call's clock, with its zone),
 * when a field or an answer is missing, or when an answer makes the applicant ineligible; then
 * nothing is written, the draft included. A submitted proposal no longer changes (409).
 */
export async function saveProposal(actor: Actor, db: Db, year: number, input: unknown, intentRaw: unknown, lang: Lang): Promise<"saved" | "submitted"> {
  authorizeChampions(actor, "apply");
  const parsed = check(ProposalInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const intent = Intent.safeParse(intentRaw);
  if (!intent.success) throw invalidInput([{ field: "intent", message: "validation.invalid_value" }]);
  const submit = intent.data === "submit";
  const v = parsed.value;
  const applicantId = (actor as UserActor).id;
  const t = messages(lang);
  return db.transaction().execute(async (trx) => {
    // The competition row is read under a share lock: its deadline cannot move while this is decided.
    const competition = await trx.selectFrom("champion_competitions").select(["year", "call_opens_at", "call_closes_at", "time_zone"]).where("year", "=", year).forShare().executeTakeFirst();
    if (!competition) throw notFound();
    const questions = await jrepo.questionsOf(trx, year);
    const before = await jrepo.proposalOf(trx, year, applicantId, { forUpdate: true });
    if (before?.status === "submitted") throw refused(409, [{ field: "", message: "champions.errors.alreadySubmitted" }]);
    const answers = questions.flatMap((q) => {
      const a = v.answers[String(q.position)];
      return a === "yes" || a === "no" ? [{ position: q.position, answer: a === "yes" }] : [];
    });
    if (submit) {
      const problems: FieldProblem[] = [];
      const state = callState(competition);
      if (state === "closed" && competition.call_closes_at) problems.push({ field: "", message: "champions.errors.callClosed", values: { deadline: inZone(lang, competition.call_closes_at, competition.time_zone) } });
      if (state === "not-yet" && competition.call_opens_at) problems.push({ field: "", message: "champions.errors.callNotOpen", values: { opens: inZone(lang, competition.call_opens_at, competition.time_zone) } });
      if (state === "unset") problems.push({ field: "", message: "champions.errors.noCall" });
      for (const f of ["organization", "country", "title", "summary"] as const) if (v[f] === "") problems.push({ field: f, message: "champions.errors.neededToSubmit" });
      for (const q of questions) {
        const a = answers.find((x) => x.position === q.position);
        if (!a) problems.push({ field: `answers.${q.position}`, message: "champions.errors.answerNeeded" });
        else if (a.answer !== q.expected) problems.push({ field: `answers.${q.position}`, message: "champions.errors.notEligible", values: { answer: t(q.expected ? "champions.apply.yes" : "champions.apply.no") } });
      }
      if (problems.length) throw refused(400, problems);
    }
    const beforeAnswers = before ? await jrepo.answersOf(trx, before.id) : [];
    let row: ProposalRow;
    try {
      row = await jrepo.upsertProposal(trx, year, applicantId, { organization: v.organization, country: v.country, title: v.title, summary: v.summary }, submit);
    } catch (e) {
      // The database's own clock decided the call had closed between the check and the write.
      if (unique(e, "23514")) throw refused(400, [{ field: "", message: "champions.errors.callClosedNow" }]);
      throw e;
    }
    await jrepo.replaceAnswers(trx, row.id, year, answers);
    const audited = (p: Pick<ProposalRow, "organization" | "country" | "title" | "summary" | "status"> | undefined, a: readonly { position: number; answer: boolean }[]) =>
      p ? { organization: p.organization, country: p.country, title: p.title, summary: p.summary, status: p.status, answers: a.map((x) => `${x.position}:${x.answer ? "yes" : "no"}`).join(" ") } : undefined;
    await recordChanges(trx, actor, [
      { action: before ? "update" : "create", entity: "champion_proposal", entityId: String(row.id), before: audited(before, beforeAnswers), after: audited(row, answers) },
    ]);
    return submit ? "submitted" : "saved";
  });
}

// --- Reading one proposal; judges ---------------------------------------------------------------

export interface ProposalPage {
  proposal: ProposalRow;
  answers: Map<number, boolean>;
  questions: QuestionRow[];
  criteria: CriterionRow[];
  competition: CompetitionRow;
  /** The acting judge's assignment and scores (judges only). */
  assignment: AssignmentRow | null;
  scores: Map<number, { score: number; comment: string }>;
  mayScore: boolean;
}

async function resourceOf(db: Db, actor: Actor, id: number, lock = false): Promise<{ proposal: ProposalRow; assignment: AssignmentRow | null; resource: ProposalResource }> {
  const proposal = await jrepo.proposalById(db, id, { forUpdate: lock });
  if (!proposal) throw notFound();
  const assignment = actor.kind === "user" && actor.role === "judge" ? ((await jrepo.assignmentOf(db, id, actor.id, { forUpdate: lock })) ?? null) : null;
  return { proposal, assignment, resource: { year: proposal.year, applicantId: proposal.applicant_id, assignedToActor: assignment !== null } };
}

/** One proposal, for whoever may read it (the Secretariat, its applicant, its assigned judges). */
export async function getProposal(actor: Actor, db: Db, id: number): Promise<ProposalPage> {
  const { proposal, assignment, resource } = await resourceOf(db, actor, id);
  authorizeProposal(actor, "view-proposal", resource);
  const [answers, questions, criteria, competition] = await Promise.all([jrepo.answersOf(db, id), jrepo.questionsOf(db, proposal.year), jrepo.criteriaOf(db, proposal.year), competitionOr404(db, proposal.year)]);
  const scores = assignment ? await jrepo.scoresBy(db, id, assignment.judge_id) : [];
  return {
    proposal,
    answers: new Map(answers.map((a) => [a.position, a.answer])),
    questions,
    criteria,
    competition,
    assignment,
    scores: new Map(scores.map((s) => [s.position, { score: s.score, comment: s.comment }])),
    mayScore: assignment !== null && !assignment.conflict && proposal.status === "submitted",
  };
}

/** The signed-in judge's assigned proposals, each with how many criteria they have scored. */
export async function myAssignments(actor: Actor, db: Db) {
  authorizeChampions(actor, "judge");
  return jrepo.assignedTo(db, (actor as UserActor).id);
}

/**
 * A judge scores an assigned proposal: every criterion on the 1–10 scale, each with an optional
 * comment; all or nothing. Refused (409) after a declared conflict of interest.
 */
export async function saveScores(actor: Actor, db: Db, id: number, form: Record<string, string>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { proposal, assignment, resource } = await resourceOf(trx, actor, id, true);
    authorizeProposal(actor, "score", resource);
    if (!assignment) throw notFound();
    if (assignment.conflict) throw refused(409, [{ field: "", message: "champions.errors.conflictDeclared" }]);
    if (proposal.status !== "submitted") throw refused(409, [{ field: "", message: "champions.errors.notSubmitted" }]);
    const criteria = await jrepo.criteriaOf(trx, proposal.year);
    const problems: FieldProblem[] = [];
    const scores = criteria.flatMap((c) => {
      const score = ScoreValue.safeParse(form[`score_${c.position}`] ?? "");
      const comment = ScoreComment.safeParse(form[`comment_${c.position}`] ?? "");
      if (!score.success) problems.push({ field: `score_${c.position}`, message: "champions.errors.score" });
      if (!comment.success) problems.push({ field: `comment_${c.position}`, message: "validation.too_big" });
      return score.success && comment.success ? [{ position: c.position, score: score.data, comment: comment.data }] : [];
    });
    if (criteria.length === 0) problems.push({ field: "", message: "champions.errors.noCriteria" });
    if (problems.length) throw invalidInput(problems);
    const before = await jrepo.scoresBy(trx, id, assignment.judge_id);
    await jrepo.replaceScores(trx, id, assignment.judge_id, proposal.year, scores);
    const audited = (list: readonly { position: number; score: number; comment: string }[]) => ({ scores: list.map((s) => `${s.position}:${s.score}`).join(" "), comments: list.filter((s) => s.comment).map((s) => `${s.position}: ${s.comment}`).join(" | ") });
    await recordChanges(trx, actor, [{ action: before.length ? "update" : "create", entity: "champion_assignment", entityId: `${id}/${assignment.judge_id}`, before: before.length ? audited(before) : undefined, after: audited(scores) }]);
  });
}

/**
 * A judge declares a conflict of interest with an assigned proposal: their scores on it are
 * removed, and from then on they cannot score it and it counts nowhere in the ranking for them.
 */
export async function declareConflict(actor: Actor, db: Db, id: number, input: unknown): Promise<void> {
  const parsed = check(ConflictInput, input);
  await db.transaction().execute(async (trx) => {
    const { assignment, resource } = await resourceOf(trx, actor, id, true);
    authorizeProposal(actor, "score", resource);
    if (!parsed.ok) throw invalidInput(parsed.problems);
    if (!assignment) throw notFound();
    if (assignment.conflict) throw refused(409, [{ field: "reason", message: "champions.errors.conflictDeclared" }]);
    const scores = await jrepo.scoresBy(trx, id, assignment.judge_id);
    await jrepo.declareConflict(trx, id, assignment.judge_id, parsed.value.reason);
    await recordChanges(trx, actor, [
      { action: "update", entity: "champion_assignment", entityId: `${id}/${assignment.judge_id}`, before: { conflict: false, scores: scores.map((s) => `${s.position}:${s.score}`).join(" ") }, after: { conflict: true, reason: parsed.value.reason, scores: "" } },
    ]);
  });
}

// --- The Secretariat ----------------------------------------------------------------------------

export interface Judging {
  call: Call;
  proposals: ProposalRow[];
  judges: { id: number; name: string; email: string }[];
  assignments: AssignmentRow[];
  ranking: Ranked[];
}

/** A year's judging for the Secretariat: proposals, judges, assignments and the ranking. */
export async function getJudging(actor: Actor, db: Db, year: number): Promise<Judging> {
  authorizeChampions(actor, "administer");
  const call = await getCall(actor, db, year);
  const [proposals, judges, assignments, scores] = await Promise.all([jrepo.proposalsOf(db, year), judgesOf(actor, db, year), jrepo.assignmentsOfYear(db, year), jrepo.scoresOfYear(db, year)]);
  const submitted = proposals.filter((p) => p.status === "submitted").map((p) => p.id);
  const ranking = rankProposals(
    submitted,
    call.criteria,
    scores.map((s) => ({ proposalId: s.proposal_id, judgeId: s.judge_id, position: s.position, score: s.score })),
  );
  return { call, proposals, judges, assignments, ranking };
}

/**
 * Sets a year's eligibility questions and criteria (the weights add up to 100: checked here and
 * by the database at commit). Once proposals answer the questions or judges score the criteria,
 * they can no longer be replaced (409).
 */
export async function saveCall(actor: Actor, db: Db, year: number, input: unknown): Promise<void> {
  authorizeChampions(actor, "administer");
  const parsed = check(CallInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const v = parsed.value;
  const total = v.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (v.criteria.length > 0 && total !== 100) throw invalidInput([{ field: "criteria", message: "champions.errors.weightsSum", values: { total } }]);
  try {
    await db.transaction().execute(async (trx) => {
      const competition = await repo.findCompetitionForUpdate(trx, year);
      if (!competition) throw notFound();
      const [beforeQ, beforeC] = await Promise.all([jrepo.questionsOf(trx, year), jrepo.criteriaOf(trx, year)]);
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      const qs = (list: readonly { prompt: string; expected: boolean }[]) => list.map((q) => `${q.expected ? "yes" : "no"} | ${q.prompt}`).join("\n");
      const cs = (list: readonly { name: string; weight: number }[]) => list.map((c) => `${c.weight} | ${c.name}`).join("\n");
      if (!same(qs(beforeQ), qs(v.questions))) await replaceOr409(() => jrepo.replaceQuestions(trx, year, v.questions), "questions", "champions.errors.questionsInUse");
      if (!same(cs(beforeC), cs(v.criteria))) await replaceOr409(() => jrepo.replaceCriteria(trx, year, v.criteria), "criteria", "champions.errors.criteriaInUse");
      await recordChanges(trx, actor, [{ action: "update", entity: "champion_call", entityId: String(year), before: { questions: qs(beforeQ), criteria: cs(beforeC) }, after: { questions: qs(v.questions), criteria: cs(v.criteria) } }]);
    });
  } catch (e) {
    if (unique(e, "23514")) throw invalidInput([{ field: "criteria", message: "champions.errors.weightsSum", values: { total } }]);
    throw e;
  }
}

async function replaceOr409(run: () => Promise<void>, field: string, message: string) {
  try {
    await run();
  } catch (e) {
    if (unique(e, "23503")) throw refused(409, [{ field, message }]);
    throw e;
  }
}

/** The Secretariat assigns a judge of the year to a submitted proposal of that year. */
export async function assignJudge(actor: Actor, db: Db, year: number, input: unknown): Promise<void> {
  authorizeChampions(actor, "administer");
  const parsed = check(AssignInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { proposal: proposalId, judge } = parsed.value;
  await db.transaction().execute(async (trx) => {
    const proposal = await jrepo.proposalById(trx, proposalId, { forUpdate: true });
    if (!proposal || proposal.year !== year) throw invalidInput([{ field: "proposal", message: "champions.errors.choose" }]);
    if (proposal.status !== "submitted") throw refused(409, [{ field: "proposal", message: "champions.errors.notSubmitted" }]);
    let added: boolean;
    try {
      added = await jrepo.insertAssignment(trx, { proposal_id: proposalId, judge_id: judge, year });
    } catch (e) {
      // The reference to (judge, year) in the users table: not a judge of this year.
      if (unique(e, "23503")) throw invalidInput([{ field: "judge", message: "champions.errors.notAJudge" }]);
      throw e;
    }
    if (!added) throw refused(409, [{ field: "judge", message: "champions.errors.alreadyAssigned" }]);
    await recordChanges(trx, actor, [{ action: "create", entity: "champion_assignment", entityId: `${proposalId}/${judge}`, after: { proposal: proposalId, judge, year } }]);
  });
}

/**
 * The Secretariat records the year's winners and runners-up from the ranking: each chosen
 * proposal's organization and country become a result of the year (the results page and the
 * API), in ranking order, replacing the year's earlier results, with the ranking as the source.
 */
export async function recordLaureates(actor: Actor, db: Db, year: number, input: unknown): Promise<number> {
  authorizeChampions(actor, "administer");
  const parsed = check(LaureatesInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const chosen = new Map(Object.entries(parsed.value).flatMap(([k, place]) => (place ? [[Number(k.slice("place_".length)), place] as const] : [])));
  // Recording from an empty choice would wipe the year's results: say so instead.
  if (chosen.size === 0) throw invalidInput([{ field: "", message: "champions.errors.chooseLaureates" }]);
  return db.transaction().execute(async (trx) => {
    const competition = await repo.findCompetitionForUpdate(trx, year);
    if (!competition) throw notFound();
    const judging = await getJudging(actor, trx, year);
    const byId = new Map(judging.proposals.map((p) => [p.id, p]));
    for (const id of chosen.keys()) {
      if (byId.get(id)?.status !== "submitted") throw invalidInput([{ field: `place_${id}`, message: "champions.errors.choose" }]);
    }
    const order = judging.ranking.map((r) => r.proposalId);
    const positions = { winner: 0, runner_up: 0 };
    const source = `Secretariat ranking of the ${year} judges' scores on Trade4MSMEs`;
    const results: ResultRow[] = order
      .filter((id) => chosen.has(id))
      .map((id) => {
        const p = byId.get(id) as ProposalRow;
        const place = chosen.get(id) as "winner" | "runner_up";
        return { year, place, position: ++positions[place], name: p.organization, country: p.country || null, source };
      });
    const before = await repo.resultsOf(trx, [year]);
    await repo.replaceResults(trx, year, results);
    const text = (list: readonly ResultRow[]) => list.map((r) => `${r.place}: ${r.name}${r.country ? ` (${r.country})` : ""}`).join("; ");
    await recordChanges(trx, actor, [{ action: "update", entity: "champion_competition", entityId: String(year), before: { results: text(before) }, after: { results: text(results) } }]);
    return results.length;
  });
}
