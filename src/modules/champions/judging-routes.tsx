import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldProblem } from "../../errors.js";
import { notFound } from "../../errors.js";
import { submitForm, validForm } from "../../http/edit-form.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { type FormInput, ApplyPage, JudgeListPage, JudgingAdminPage, ProposalFormPage, ProposalReadPage } from "./pages/JudgingPages.js";
import { Year } from "./schema.js";
import * as champions from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const YearParam = LangParam.extend({ year: z.string().max(10) });
const IdParam = LangParam.extend({ id: z.string().max(20) });

const yearOf = (raw: string): number => {
  const parsed = /^\d{4}$/.test(raw) ? Year.safeParse(raw) : undefined;
  if (!parsed?.success) throw notFound();
  return parsed.data;
};
const idOf = (raw: string): number => {
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw notFound();
  return Number(raw);
};

const NOTICES = {
  sent: "champions.apply.sent",
  saved: "champions.proposal.saved",
  submitted: "champions.proposal.submittedNotice",
  scored: "champions.judging.scoredNotice",
  conflict: "champions.judging.conflictDeclared",
  call: "champions.admin.callSaved",
  assigned: "champions.admin.assigned",
  results: "champions.admin.resultsRecorded",
} as const;
const notice = (query: unknown, lang: Lang) => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

const SignUp = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email())
    .transform((v) => v.toLowerCase()),
});

const PROPOSAL_FIELDS = ["organization", "country", "title", "summary"] as const;

type Kept = { input: FormInput; problems: FieldProblem[]; status?: number };
const none: Kept = { input: {}, problems: [] };

/** The judging's pages: the public call and sign-up, applicants' proposals, judges' scoring, the Secretariat's ranking. */
export function judgingRoutes(app: App, { db, config }: AppContext) {
  const formLimit = { rateLimit: { max: config.FORM_RATE_LIMIT, timeWindow: 60_000 } };
  const send = (request: FastifyRequest, reply: FastifyReply, lang: Lang, title: string, body: preact.JSX.Element, status = 200) =>
    app.pages.send(request, reply, lang, () => ({ title, body }), { status, cache: false });

  // --- The call and the sign-up ------------------------------------------------------------------

  const applyPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, year: number, kept: Kept) => {
    const call = await champions.getCall(request.actor, db, year);
    const a = request.actor;
    const signedInAs = a.kind === "user" ? (a.role === "applicant" ? "applicant" : "other") : null;
    const body = <ApplyPage call={call} input={kept.input} problems={kept.problems} notice={notice(request.query, lang)} signedInAs={signedInAs} />;
    return send(request, reply, lang, messages(lang)("champions.apply.title", { year }), body, kept.status);
  };

  app.get("/:lang/champions/:year/apply", { schema: { hide: true, params: YearParam } }, async (request, reply) =>
    applyPage(request, reply, request.params.lang, yearOf(request.params.year), none),
  );

  app.post("/:lang/champions/:year/apply", { schema: { hide: true, params: YearParam }, config: formLimit }, async (request, reply) => {
    const { lang } = request.params;
    const year = yearOf(request.params.year);
    await champions.getCall(request.actor, db, year);
    return submitForm(request.body, reply, {
      fields: ["name", "email"],
      save: async (input) => {
        await champions.signUpForCall(request.actor, db, year, validForm(SignUp, input), lang);
        return `/${lang}/champions/${year}/apply?done=sent`;
      },
      show: (kept) => applyPage(request, reply, lang, year, kept),
    });
  });

  // --- The applicant's proposal ------------------------------------------------------------------

  const proposalPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, year: number, kept: Kept | null) => {
    const view = await champions.myProposal(request.actor, db, year);
    const p = view.proposal;
    const stored: FormInput = {
      organization: p?.organization ?? "",
      country: p?.country ?? "",
      title: p?.title ?? "",
      summary: p?.summary ?? "",
      ...Object.fromEntries([...view.answers].map(([pos, a]) => [`answers.${pos}`, a ? "yes" : "no"])),
    };
    const body = <ProposalFormPage call={view.call} proposal={p} answers={view.answers} input={kept?.input ?? stored} problems={kept?.problems ?? []} notice={notice(request.query, lang)} />;
    return send(request, reply, lang, messages(lang)("champions.proposal.title", { year }), body, kept?.status);
  };

  app.get("/:lang/champions/:year/proposal", { schema: { hide: true, params: YearParam } }, async (request, reply) =>
    proposalPage(request, reply, request.params.lang, yearOf(request.params.year), null),
  );

  app.post("/:lang/champions/:year/proposal", { schema: { hide: true, params: YearParam } }, async (request, reply) => {
    const { lang } = request.params;
    const year = yearOf(request.params.year);
    const { call } = await champions.myProposal(request.actor, db, year);
    const answerFields = call.questions.map((q) => `answers.${q.position}`);
    return submitForm(request.body, reply, {
      fields: [...PROPOSAL_FIELDS, "intent", ...answerFields],
      save: async (input) => {
        const answers = Object.fromEntries(call.questions.map((q) => [String(q.position), input[`answers.${q.position}`] ?? ""]));
        const fields = Object.fromEntries(PROPOSAL_FIELDS.map((f) => [f, input[f] ?? ""]));
        const done = await champions.saveProposal(request.actor, db, year, { ...fields, answers }, input.intent, lang);
        return `/${lang}/champions/${year}/proposal?done=${done}`;
      },
      show: (kept) => proposalPage(request, reply, lang, year, kept),
    });
  });

  // --- One proposal; the judges ------------------------------------------------------------------

  const readPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, id: number, kept: Kept) => {
    const page = await champions.getProposal(request.actor, db, id);
    const body = <ProposalReadPage page={page} input={kept.input} problems={kept.problems} notice={notice(request.query, lang)} />;
    return send(request, reply, lang, page.proposal.title || messages(lang)("champions.proposal.untitled"), body, kept.status);
  };

  app.get("/:lang/champions/proposals/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) =>
    readPage(request, reply, request.params.lang, idOf(request.params.id), none),
  );

  app.post("/:lang/champions/proposals/:id/scores", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const id = idOf(request.params.id);
    const page = await champions.getProposal(request.actor, db, id);
    const fields = page.criteria.flatMap((c) => [`score_${c.position}`, `comment_${c.position}`]);
    return submitForm(request.body, reply, {
      fields,
      save: async (input) => {
        await champions.saveScores(request.actor, db, id, input);
        return `/${lang}/champions/proposals/${id}?done=scored`;
      },
      show: (kept) => readPage(request, reply, lang, id, kept),
    });
  });

  app.post("/:lang/champions/proposals/:id/conflict", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const id = idOf(request.params.id);
    await champions.getProposal(request.actor, db, id);
    return submitForm(request.body, reply, {
      fields: ["reason"],
      save: async (input) => {
        await champions.declareConflict(request.actor, db, id, input);
        return `/${lang}/champions/proposals/${id}?done=conflict`;
      },
      show: (kept) => readPage(request, reply, lang, id, kept),
    });
  });

  app.get("/:lang/champions/judging", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const rows = await champions.myAssignments(request.actor, db);
    const years = [...new Set(rows.map((r) => r.year))];
    const criteriaCount = new Map(await Promise.all(years.map(async (y) => [y, (await champions.getCall(request.actor, db, y)).criteria.length] as const)));
    return send(request, reply, lang, messages(lang)("champions.judging.title"), <JudgeListPage rows={rows} criteriaCount={criteriaCount} />);
  });

  // --- The Secretariat ---------------------------------------------------------------------------

  const judgingPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, year: number, kept: Kept) => {
    const judging = await champions.getJudging(request.actor, db, year);
    const body = <JudgingAdminPage judging={judging} input={kept.input} problems={kept.problems} notice={notice(request.query, lang)} />;
    return send(request, reply, lang, messages(lang)("champions.admin.judgingTitle", { year }), body, kept.status);
  };

  app.get("/:lang/admin/champions/:year/judging", { schema: { hide: true, params: YearParam } }, async (request, reply) => {
    champions.authorizeAdministerChampions(request.actor);
    return judgingPage(request, reply, request.params.lang, yearOf(request.params.year), none);
  });

  const adminPost = (path: string, fieldsOf: (body: unknown) => string[], save: (request: FastifyRequest, year: number, input: Record<string, string>) => Promise<string>) =>
    app.post(`/:lang/admin/champions/:year/${path}`, { schema: { hide: true, params: YearParam } }, async (request, reply) => {
      const { lang } = request.params as { lang: Lang };
      champions.authorizeAdministerChampions(request.actor);
      const year = yearOf((request.params as { year: string }).year);
      await champions.getCall(request.actor, db, year);
      return submitForm(request.body, reply, {
        fields: fieldsOf(request.body),
        save: async (input) => `/${lang}/admin/champions/${year}/judging?done=${await save(request, year, input)}`,
        show: (kept) => judgingPage(request, reply, lang, year, kept),
      });
    });

  adminPost("call", () => ["questions", "criteria"], async (request, year, input) => {
    await champions.saveCall(request.actor, db, year, input);
    return "call";
  });
  adminPost("assignments", () => ["proposal", "judge"], async (request, year, input) => {
    await champions.assignJudge(request.actor, db, year, input);
    return "assigned";
  });
  adminPost(
    "laureates",
    (body) => Object.keys(body && typeof body === "object" ? body : {}).filter((k) => /^place_\d{1,12}$/.test(k)).slice(0, 1000),
    async (request, year, input) => {
      await champions.recordLaureates(request.actor, db, year, input);
      return "results";
    },
  );
}
