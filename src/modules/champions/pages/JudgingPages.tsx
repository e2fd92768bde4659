import type { FieldProblem } from "../../../errors.js";
import { formatDateTime } from "../../../i18n/catalogue.js";
import { DataTable, ErrorSummary, Field, Form, Notice } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import type { AssignmentRow, CriterionRow, ProposalRow, QuestionRow } from "../judging-repo.js";
import { type Call, inZone, type Judging, type ProposalPage } from "../judging.js";
import { SCORE_MAX, SCORE_MIN } from "../schema.js";

export type FormInput = Partial<Record<string, string>>;

/** The call's dates on its own clock, and whether it is open now. */
function CallFacts({ call }: { call: Call }) {
  const { t, lang } = usePage();
  const c = call.competition;
  return (
    <dl class="facts">
      {c.call_opens_at && (
        <>
          <dt>{t("champions.apply.opens")}</dt>
          <dd>{inZone(lang, c.call_opens_at, c.time_zone)}</dd>
        </>
      )}
      {c.call_closes_at && (
        <>
          <dt>{t("champions.apply.deadline")}</dt>
          <dd>{inZone(lang, c.call_closes_at, c.time_zone)}</dd>
        </>
      )}
      <dt>{t("champions.apply.status")}</dt>
      <dd>{t(`champions.apply.state.${call.state}`)}</dd>
    </dl>
  );
}

function QuestionsList({ questions }: { questions: QuestionRow[] }) {
  const { t } = usePage();
  if (questions.length === 0) return <p>{t("champions.apply.noQuestions")}</p>;
  return (
    <ol>
      {questions.map((q) => (
        <li key={q.position}>
          {q.prompt} <span class="meta">({t("champions.apply.eligibleIf", { answer: t(q.expected ? "champions.apply.yes" : "champions.apply.no") })})</span>
        </li>
      ))}
    </ol>
  );
}

function CriteriaList({ criteria }: { criteria: CriterionRow[] }) {
  const { t } = usePage();
  if (criteria.length === 0) return <p>{t("champions.apply.noCriteria")}</p>;
  return (
    <ul>
      {criteria.map((c) => (
        <li key={c.position}>
          {c.name} — {t("champions.apply.weight", { weight: c.weight })}
        </li>
      ))}
    </ul>
  );
}

/** The public call: dates, questions, criteria, and the form to sign up as an applicant. */
export function ApplyPage({ call, input, problems, notice, signedInAs }: { call: Call; input: FormInput; problems: FieldProblem[]; notice?: string; signedInAs: "applicant" | "other" | null }) {
  const { t, lang } = usePage();
  const year = call.competition.year;
  const proposalUrl = `/${lang}/champions/${year}/proposal`;
  return (
    <>
      <p>
        <a href={`/${lang}/champions/${year}`}>{t("champions.apply.backToYear", { year })}</a>
      </p>
      <h1>{t("champions.apply.title", { year })}</h1>
      {notice && <Notice>{notice}</Notice>}
      <CallFacts call={call} />
      <h2>{t("champions.apply.questions")}</h2>
      <QuestionsList questions={call.questions} />
      <h2>{t("champions.apply.criteria")}</h2>
      <CriteriaList criteria={call.criteria} />
      {signedInAs === "applicant" ? (
        <p>
          <a href={proposalUrl}>{t("champions.apply.toProposal")}</a>
        </p>
      ) : signedInAs === "other" ? (
        <p>{t("champions.apply.notApplicant")}</p>
      ) : (
        call.state !== "closed" && (
          <>
            <h2 id="sign-up-title">{t("champions.apply.signUp")}</h2>
            <p>{t("champions.apply.signUpLede")}</p>
            <ErrorSummary problems={problems} />
            <Form action={`/${lang}/champions/${year}/apply`} class="stack" label={t("champions.apply.signUp")}>
              <Field name="name" label={t("champions.apply.name")} problems={problems}>
                {(attrs) => <input {...attrs} type="text" value={input.name ?? ""} maxLength={200} required autoComplete="name" />}
              </Field>
              <Field name="email" label={t("champions.apply.email")} problems={problems}>
                {(attrs) => <input {...attrs} type="email" value={input.email ?? ""} maxLength={254} required autoComplete="email" />}
              </Field>
              <p>
                <button type="submit">{t("champions.apply.sendLink")}</button>
              </p>
            </Form>
            <p>
              <a href={`/${lang}/sign-in?next=${encodeURIComponent(proposalUrl)}`}>{t("champions.apply.haveAccount")}</a>
            </p>
          </>
        )
      )}
    </>
  );
}

function ProposalFacts({ proposal, questions, answers }: { proposal: ProposalRow; questions: QuestionRow[]; answers: Map<number, boolean> }) {
  const { t } = usePage();
  return (
    <>
      <dl class="facts">
        <dt>{t("champions.proposal.fields.organization")}</dt>
        <dd>{proposal.organization}</dd>
        <dt>{t("champions.proposal.fields.country")}</dt>
        <dd>{proposal.country}</dd>
        <dt>{t("champions.proposal.fields.title")}</dt>
        <dd>{proposal.title}</dd>
        <dt>{t("champions.proposal.status")}</dt>
        <dd>{t(`champions.proposal.statuses.${proposal.status}`)}</dd>
      </dl>
      <h2>{t("champions.proposal.fields.summary")}</h2>
      <div class="guide">
        {proposal.summary
          .split(/\r?\n\s*\n/)
          .filter((para) => para.trim() !== "")
          .map((para, i) => (
            <p key={i}>{para}</p>
          ))}
      </div>
      {questions.length > 0 && (
        <>
          <h2>{t("champions.apply.questions")}</h2>
          <ol>
            {questions.map((q) => {
              const a = answers.get(q.position);
              return (
                <li key={q.position}>
                  {q.prompt} <strong>{a === undefined ? "—" : t(a ? "champions.apply.yes" : "champions.apply.no")}</strong>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </>
  );
}

/** The applicant's own proposal: a form while it is a draft, what was sent once submitted. */
export function ProposalFormPage({ call, proposal, answers, input, problems, notice }: { call: Call; proposal: ProposalRow | null; answers: Map<number, boolean>; input: FormInput; problems: FieldProblem[]; notice?: string }) {
  const { t, lang } = usePage();
  const year = call.competition.year;
  const heading = t("champions.proposal.title", { year });
  if (proposal?.status === "submitted") {
    return (
      <>
        <h1>{heading}</h1>
        {notice && <Notice>{notice}</Notice>}
        <ErrorSummary problems={problems} />
        <p>{t("champions.proposal.submittedAt", { at: inZone(lang, proposal.submitted_at as Date, call.competition.time_zone) })}</p>
        <ProposalFacts proposal={proposal} questions={call.questions} answers={answers} />
      </>
    );
  }
  const v = (f: string) => input[f] ?? "";
  const text = (f: "organization" | "country" | "title", max: number) => (
    <Field name={f} label={t(`champions.proposal.fields.${f}`)} problems={problems}>
      {(attrs) => <input {...attrs} type="text" value={v(f)} maxLength={max} />}
    </Field>
  );
  return (
    <>
      <p>
        <a href={`/${lang}/champions/${year}/apply`}>{t("champions.proposal.backToCall")}</a>
      </p>
      <h1>{heading}</h1>
      {notice && <Notice>{notice}</Notice>}
      <CallFacts call={call} />
      <p>{proposal ? t("champions.proposal.draftSaved", { at: formatDateTime(lang, proposal.updated_at) }) : t("champions.proposal.lede")}</p>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/champions/${year}/proposal`} class="stack" label={heading}>
        {text("organization", 300)}
        {text("country", 100)}
        {text("title", 300)}
        <Field name="summary" label={t("champions.proposal.fields.summary")} hint={t("champions.proposal.summaryHint")} problems={problems}>
          {(attrs) => (
            <textarea {...attrs} rows={10} maxLength={5000}>
              {v("summary")}
            </textarea>
          )}
        </Field>
        {call.questions.map((q) => {
          const name = `answers.${q.position}`;
          const problem = problems.find((p) => p.field === name);
          return (
            <fieldset key={q.position} class={problem ? "field has-error" : "field"} id={`field-${name}`} aria-describedby={problem ? `field-${name}-error` : undefined}>
              <legend>{q.prompt}</legend>
              {problem && (
                <span class="error-message" id={`field-${name}-error`}>
                  {t(problem.message, problem.values)}
                </span>
              )}
              {(["yes", "no"] as const).map((a) => (
                <label key={a}>
                  <input type="radio" name={name} value={a} checked={v(name) === a} /> {t(`champions.apply.${a}`)}
                </label>
              ))}
            </fieldset>
          );
        })}
        <p>
          <button type="submit" name="intent" value="save">
            {t("champions.proposal.saveDraft")}
          </button>{" "}
          <button type="submit" name="intent" value="submit">
            {t("champions.proposal.submit")}
          </button>
        </p>
      </Form>
    </>
  );
}

/** A proposal as its reader may see it; for its assigned judge, the scores and the conflict form. */
export function ProposalReadPage({ page, input, problems, notice }: { page: ProposalPage; input: FormInput; problems: FieldProblem[]; notice?: string }) {
  const { t, lang } = usePage();
  const { proposal, assignment } = page;
  const heading = proposal.title || t("champions.proposal.untitled");
  return (
    <>
      {assignment && (
        <p>
          <a href={`/${lang}/champions/judging`}>{t("champions.judging.backToList")}</a>
        </p>
      )}
      <h1>{heading}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="meta">{t("champions.proposal.ofYear", { year: proposal.year })}</p>
      <ProposalFacts proposal={proposal} questions={page.questions} answers={page.answers} />
      {assignment?.conflict && <Notice>{t("champions.judging.conflictNotice", { reason: assignment.conflict_reason ?? "" })}</Notice>}
      {page.mayScore && (
        <>
          <h2 id="scores-title">{t("champions.judging.scoresTitle")}</h2>
          <p>{t("champions.judging.scale", { min: SCORE_MIN, max: SCORE_MAX })}</p>
          <ErrorSummary problems={problems} />
          <Form action={`/${lang}/champions/proposals/${proposal.id}/scores`} class="stack" label={t("champions.judging.scoresTitle")}>
            {page.criteria.map((c) => {
              const stored = page.scores.get(c.position);
              const score = input[`score_${c.position}`] ?? (stored ? String(stored.score) : "");
              const comment = input[`comment_${c.position}`] ?? stored?.comment ?? "";
              return (
                <fieldset key={c.position} class="row">
                  <legend>
                    {c.name} ({t("champions.apply.weight", { weight: c.weight })})
                  </legend>
                  <Field name={`score_${c.position}`} label={t("champions.judging.score")} problems={problems}>
                    {(attrs) => <input {...attrs} type="number" min={SCORE_MIN} max={SCORE_MAX} step={1} value={score} required />}
                  </Field>
                  <Field name={`comment_${c.position}`} label={t("champions.judging.comment")} problems={problems}>
                    {(attrs) => (
                      <textarea {...attrs} rows={3} maxLength={2000}>
                        {comment}
                      </textarea>
                    )}
                  </Field>
                </fieldset>
              );
            })}
            <p>
              <button type="submit">{t("champions.judging.saveScores")}</button>
            </p>
          </Form>
          <h2 id="conflict-title">{t("champions.judging.conflictTitle")}</h2>
          <p>{t("champions.judging.conflictLede")}</p>
          <Form action={`/${lang}/champions/proposals/${proposal.id}/conflict`} class="stack" label={t("champions.judging.conflictTitle")}>
            <Field name="reason" idPrefix="conflict-" label={t("champions.judging.reason")} problems={problems}>
              {(attrs) => (
                <textarea {...attrs} rows={3} maxLength={1000} required>
                  {input.reason ?? ""}
                </textarea>
              )}
            </Field>
            <p>
              <button type="submit">{t("champions.judging.declare")}</button>
            </p>
          </Form>
        </>
      )}
    </>
  );
}

export interface AssignedRow {
  id: number;
  year: number;
  title: string;
  organization: string;
  conflict: boolean;
  scored: number | null;
}

/** A judge's assigned proposals. */
export function JudgeListPage({ rows, criteriaCount }: { rows: AssignedRow[]; criteriaCount: Map<number, number> }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("champions.judging.title")}</h1>
      <p class="lede">{t("champions.judging.lede")}</p>
      <DataTable
        caption={t("champions.judging.caption")}
        rows={rows}
        rowKey={(r) => String(r.id)}
        columns={[
          { header: t("champions.proposal.fields.title"), rowHeader: true, cell: (r) => <a href={`/${lang}/champions/proposals/${r.id}`}>{r.title || t("champions.proposal.untitled")}</a> },
          { header: t("champions.proposal.fields.organization"), cell: (r) => r.organization },
          { header: t("champions.admin.year"), cell: (r) => r.year },
          {
            header: t("champions.judging.progress"),
            cell: (r) => (r.conflict ? t("champions.judging.conflict") : t("champions.judging.scored", { scored: r.scored ?? 0, total: criteriaCount.get(r.year) ?? 0 })),
          },
        ]}
      />
    </>
  );
}

const fixed = (n: number | null, digits = 2) => (n === null ? "—" : n.toFixed(digits));

/** The Secretariat's judging of a year: the call's questions and criteria, assignments, ranking and results. */
export function JudgingAdminPage({ judging, input, problems, notice }: { judging: Judging; input: FormInput; problems: FieldProblem[]; notice?: string }) {
  const { t, lang } = usePage();
  const { call, proposals, judges, assignments, ranking } = judging;
  const year = call.competition.year;
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const judgeName = new Map(judges.map((j) => [j.id, j.name]));
  const submitted = proposals.filter((p) => p.status === "submitted");
  const assignedOf = (id: number) => assignments.filter((a: AssignmentRow) => a.proposal_id === id);
  const questionsText = input.questions ?? call.questions.map((q) => `${q.expected ? "yes" : "no"} | ${q.prompt}`).join("\n");
  const criteriaText = input.criteria ?? call.criteria.map((c) => `${c.weight} | ${c.name}`).join("\n");
  return (
    <>
      <p>
        <a href={`/${lang}/admin/champions/${year}`}>{t("champions.admin.editTitle", { year })}</a>
      </p>
      <h1>{t("champions.admin.judgingTitle", { year })}</h1>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary problems={problems} />
      <p>{t("champions.admin.counts", { drafts: proposals.length - submitted.length, submitted: submitted.length })}</p>

      <h2 id="call-title">{t("champions.admin.callTitle")}</h2>
      <Form action={`/${lang}/admin/champions/${year}/call`} class="stack" label={t("champions.admin.callTitle")}>
        <Field name="questions" label={t("champions.apply.questions")} hint={t("champions.admin.hints.questions")} problems={problems}>
          {(attrs) => (
            <textarea {...attrs} rows={6} maxLength={10000}>
              {questionsText}
            </textarea>
          )}
        </Field>
        <Field name="criteria" label={t("champions.apply.criteria")} hint={t("champions.admin.hints.criteria")} problems={problems}>
          {(attrs) => (
            <textarea {...attrs} rows={6} maxLength={5000}>
              {criteriaText}
            </textarea>
          )}
        </Field>
        <p>
          <button type="submit">{t("form.save")}</button>
        </p>
      </Form>

      <h2 id="judges-title">{t("champions.admin.judgesTitle")}</h2>
      {judges.length === 0 ? <p>{t("champions.admin.noJudges")}</p> : <ul>{judges.map((j) => <li key={j.id}>{j.name} ({j.email})</li>)}</ul>}
      <p class="meta">{t("champions.admin.hints.judges")}</p>

      <h2 id="assign-title">{t("champions.admin.assignTitle")}</h2>
      {submitted.length > 0 && judges.length > 0 ? (
        <Form action={`/${lang}/admin/champions/${year}/assignments`} class="stack" label={t("champions.admin.assignTitle")}>
          <Field name="proposal" label={t("champions.admin.proposal")} problems={problems}>
            {(attrs) => (
              <select {...attrs}>
                {submitted.map((p) => (
                  <option key={p.id} value={String(p.id)} selected={input.proposal === String(p.id)}>
                    {p.title} — {p.organization}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="judge" label={t("champions.admin.judge")} problems={problems}>
            {(attrs) => (
              <select {...attrs}>
                {judges.map((j) => (
                  <option key={j.id} value={String(j.id)} selected={input.judge === String(j.id)}>
                    {j.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p>
            <button type="submit">{t("champions.admin.assign")}</button>
          </p>
        </Form>
      ) : (
        <p>{t("champions.admin.nothingToAssign")}</p>
      )}

      <h2 id="ranking-title">{t("champions.admin.rankingTitle")}</h2>
      <p>{t("champions.admin.rankingLede")}</p>
      {ranking.length === 0 ? (
        <p>{t("champions.admin.noSubmissions")}</p>
      ) : (
        <Form action={`/${lang}/admin/champions/${year}/laureates`} label={t("champions.admin.rankingTitle")}>
          <div class="table-wrap">
            <table>
              <caption>{t("champions.admin.rankingCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("champions.admin.rank")}</th>
                  <th scope="col">{t("champions.admin.proposal")}</th>
                  {call.criteria.map((c) => (
                    <th scope="col" key={c.position}>
                      {c.name} ({c.weight})
                    </th>
                  ))}
                  <th scope="col">{t("champions.admin.weighted")}</th>
                  <th scope="col">{t("champions.admin.judgesColumn")}</th>
                  <th scope="col">{t("champions.admin.place")}</th>
                </tr>
              </thead>
              <tbody>
                {ranking.map((r) => {
                  const p = byId.get(r.proposalId) as ProposalRow;
                  const conflicts = assignedOf(r.proposalId).filter((a) => a.conflict);
                  return (
                    <tr key={r.proposalId}>
                      <td>{r.rank ?? "—"}</td>
                      <th scope="row">
                        <a href={`/${lang}/champions/proposals/${p.id}`}>{p.title}</a>
                        <br />
                        <span class="meta">
                          {p.organization} ({p.country})
                        </span>
                      </th>
                      {r.criteria.map((s) => (
                        <td key={s.position}>
                          {s.mean === null ? "—" : t("champions.admin.stat", { mean: fixed(s.mean), min: s.min ?? 0, max: s.max ?? 0, sd: fixed(s.sd) })}
                        </td>
                      ))}
                      <td>{fixed(r.weighted)}</td>
                      <td>
                        {assignedOf(r.proposalId)
                          .filter((a) => !a.conflict)
                          .map((a) => judgeName.get(a.judge_id) ?? `#${a.judge_id}`)
                          .join(", ") || "—"}
                        {conflicts.length > 0 && (
                          <>
                            <br />
                            <span class="meta">{t("champions.admin.conflicts", { names: conflicts.map((a) => judgeName.get(a.judge_id) ?? `#${a.judge_id}`).join(", ") })}</span>
                          </>
                        )}
                      </td>
                      <td>
                        <label class="visually-hidden" for={`place_${p.id}`}>
                          {t("champions.admin.placeOf", { title: p.title })}
                        </label>
                        <select id={`place_${p.id}`} name={`place_${p.id}`}>
                          <option value="">—</option>
                          <option value="winner" selected={input[`place_${p.id}`] === "winner"}>
                            {t("champions.admin.winner")}
                          </option>
                          <option value="runner_up" selected={input[`place_${p.id}`] === "runner_up"}>
                            {t("champions.admin.runnerUp")}
                          </option>
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p>
            <button type="submit">{t("champions.admin.recordResults")}</button>
          </p>
        </Form>
      )}
    </>
  );
}
