import { type Actor, holds, isSecretariat } from "../../actor.js";
import { authorize, type Decision, definePolicy } from "../../policy.js";

/**
 * Who may do what with the Small Business Champions. Deny by default.
 * - read: everyone (competitions, their calls and their results are public);
 * - administer: set up a year's competition, its questions and criteria, assign judges, see the
 *   ranking and record the results: the Secretariat;
 * - seed: the platform itself;
 * - apply: write and submit one's own proposal: an applicant account;
 * - judge: see one's list of assigned proposals: a judge;
 * - view-proposal: the Secretariat; the applicant who wrote it; a judge of its year assigned to
 *   it. Any other applicant or judge is told it does not exist (404); anyone else is refused;
 * - score: score it or declare a conflict of interest: only a judge of its year assigned to it
 *   (404 for other judges and applicants; refused to anyone else, the Secretariat included).
 */
export type ChampionsAction = "read" | "administer" | "seed" | "apply" | "judge";
export type ProposalAction = "view-proposal" | "score";

/** A proposal as the rules see it: its year, who wrote it and whether the acting judge is assigned to it. */
export interface ProposalResource {
  year: number;
  applicantId: number;
  assignedToActor: boolean;
}

const hasRole = (actor: Actor, role: string) => actor.kind === "user" && actor.role === role;

export const championsPolicy = definePolicy<ChampionsAction>("champions", {
  read: () => true,
  administer: (actor) => isSecretariat(actor),
  seed: (actor) => actor.kind === "system",
  apply: (actor) => hasRole(actor, "applicant"),
  judge: (actor) => hasRole(actor, "judge"),
});

const assignedJudge = (actor: Actor, p: ProposalResource) => hasRole(actor, "judge") && p.assignedToActor && holds(actor, "competition", String(p.year));
const outsider = (actor: Actor): Decision => (hasRole(actor, "judge") || hasRole(actor, "applicant") ? "hidden" : "deny");

export const proposalPolicy = definePolicy<ProposalAction, ProposalResource>("champions.proposals", {
  "view-proposal": (actor, p) => {
    if (isSecretariat(actor) || assignedJudge(actor, p)) return "allow";
    if (hasRole(actor, "applicant") && actor.kind === "user" && actor.id === p.applicantId) return "allow";
    return outsider(actor);
  },
  score: (actor, p) => (assignedJudge(actor, p) ? "allow" : outsider(actor)),
});

export const authorizeChampions = (actor: Actor, action: ChampionsAction) => authorize(championsPolicy, actor, action, undefined);
export const authorizeProposal = (actor: Actor, action: ProposalAction, p: ProposalResource) => authorize(proposalPolicy, actor, action, p);
