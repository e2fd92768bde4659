import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type FieldProblem, notFound } from "../../errors.js";
import { submitForm } from "../../http/edit-form.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, formValuesOf, postedTextFields } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import { wallClock } from "../events/service.js";
import { type CompetitionFormInput, CompetitionFormPage, CompetitionsAdminPage } from "./pages/AdminPages.js";
import { LANGS } from "../../i18n/lang.js";

const PLAIN = ["partners", "opens_on", "opens_at", "closes_on", "closes_at", "time_zone", "proposals_reported", "results", "source"] as const;
const NOTICES = { created: "champions.admin.created", saved: "champions.admin.saved" } as const;
const notice = (query: unknown, lang: Lang) => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};
const pad = (n: number) => String(n).padStart(2, "0");
const dayAndTime = (at: Date | null, zone: string) => {
  if (!at) return ["", ""];
  const w = wallClock(at, zone);
  return [`${w.year}-${pad(w.month)}-${pad(w.day)}`, `${pad(w.hour)}:${pad(w.minute)}`];
};
import type { App, AppContext } from "../../module.js";
import { ChampionsPage, CompetitionPage } from "./pages/ChampionsPages.js";
import { Competition, CompetitionsList, Year } from "./schema.js";
import * as champions from "./service.js";
import { judgingRoutes } from "./judging-routes.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const LangQuery = z.object({ lang: z.enum(LANGS).default("en") }).strict();

const yearOf = (raw: string): number => {
  const parsed = /^\d{4}$/.test(raw) ? Year.safeParse(raw) : undefined;
  if (!parsed?.success) throw notFound();
  return parsed.data;
};

export function championsRoutes(app: App, context: AppContext) {
  const { db } = context;
  judgingRoutes(app, context);
  // --- The back office (the Secretariat) ------------------------------------------------------------

  const listPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: { input: CompetitionFormInput; problems: FieldProblem[]; status?: number }) => {
    const list = await champions.listCompetitionsForAdmin(request.actor, db, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("champions.admin.title"), body: <CompetitionsAdminPage competitions={list.items} input={props.input} problems={props.problems} notice={notice(request.query, lang)} /> }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/champions", { schema: { hide: true, params: LangParam } }, async (request, reply) => listPage(request, reply, request.params.lang, { input: {}, problems: [] }));

  app.post("/:lang/admin/champions", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    champions.authorizeAdministerChampions(request.actor);
    return submitForm(request.body, reply, {
      fields: ["year"],
      save: async (input) => `/${lang}/admin/champions/${await champions.createCompetition(request.actor, db, input)}?done=created`,
      show: ({ input, problems, status }) => listPage(request, reply, lang, { input, problems, status }),
    });
  });

  const editPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, year: number, props: { input?: CompetitionFormInput; problems?: FieldProblem[]; status?: number }) => {
    const { row, results } = await champions.getCompetitionForEdit(request.actor, db, year);
    const [opensOn, opensAt] = dayAndTime(row.call_opens_at, row.time_zone);
    const [closesOn, closesAt] = dayAndTime(row.call_closes_at, row.time_zone);
    const stored: CompetitionFormInput = {
      ...formValuesOf("name", row.name),
      ...formValuesOf("theme", row.theme),
      partners: row.partners.join(", "),
      opens_on: opensOn,
      opens_at: opensAt,
      closes_on: closesOn,
      closes_at: closesAt,
      time_zone: row.time_zone,
      proposals_reported: row.proposals_reported === null ? "" : String(row.proposals_reported),
      results: results.map((r) => [r.place === "winner" ? "winner" : "runner-up", r.name, r.country ?? ""].join(" | ").replace(/ \| $/, "")).join("\n"),
      source: row.source,
    };
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("champions.admin.editTitle", { year }),
        body: <CompetitionFormPage year={year} name={row.name} theme={row.theme} input={props.input ?? stored} problems={props.problems ?? []} notice={notice(request.query, lang)} />,
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/champions/:year", { schema: { hide: true, params: LangParam.extend({ year: z.string().max(10) }) } }, async (request, reply) => {
    champions.authorizeAdministerChampions(request.actor);
    return editPage(request, reply, request.params.lang, yearOf(request.params.year), {});
  });

  app.post("/:lang/admin/champions/:year", { schema: { hide: true, params: LangParam.extend({ year: z.string().max(10) }) } }, async (request, reply) => {
    const { lang } = request.params;
    champions.authorizeAdministerChampions(request.actor);
    const year = yearOf(request.params.year);
    await champions.getCompetitionForEdit(request.actor, db, year);
    return submitForm(request.body, reply, {
      fields: [...PLAIN, ...postedTextFields("name", request.body), ...postedTextFields("theme", request.body)],
      save: async (input) => {
        const plain = Object.fromEntries(PLAIN.map((f) => [f, input[f] ?? ""]));
        await champions.updateCompetition(request.actor, db, year, { ...plain, name: editFromForm("name", input), theme: editFromForm("theme", input) });
        return `/${lang}/admin/champions/${year}?done=saved`;
      },
      show: ({ input, problems, status }) => editPage(request, reply, lang, year, { input, problems, status }),
    });
  });

  app.get(
    "/api/v1/champions",
    { schema: { tags: ["champions"], summary: "Every year's Small Business Champions competition with its results", querystring: LangQuery, response: { 200: CompetitionsList } } },
    async (request) => champions.listCompetitions(request.actor, db, request.query.lang),
  );

  app.get(
    "/api/v1/champions/:year",
    {
      schema: {
        tags: ["champions"],
        summary: "One year's competition: theme, partners, proposal count, winners and runners-up",
        params: z.object({ year: z.string().max(10) }),
        querystring: LangQuery,
        response: { 200: Competition },
      },
    },
    async (request) => champions.getCompetition(request.actor, db, yearOf(request.params.year), request.query.lang),
  );

  app.get("/:lang/champions", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const list = await champions.listCompetitions(request.actor, db, lang);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("champions.title"), description: t("champions.navDescription"), body: <ChampionsPage competitions={list.items} /> }));
  });

  app.get("/:lang/champions/:year", { schema: { hide: true, params: LangParam.extend({ year: z.string().max(10) }) } }, async (request, reply) => {
    const { lang } = request.params;
    const competition = await champions.getCompetition(request.actor, db, yearOf(request.params.year), lang);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("champions.yearTitle", { year: competition.year }), body: <CompetitionPage competition={competition} /> }));
  });
}
