import { z } from "zod";
import { notFound } from "../../errors.js";
import { LANGS } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { ChampionsPage, CompetitionPage } from "./pages/ChampionsPages.js";
import { Competition, CompetitionsList, Year } from "./schema.js";
import * as champions from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const LangQuery = z.object({ lang: z.enum(LANGS).default("en") }).strict();

const yearOf = (raw: string): number => {
  const parsed = /^\d{4}$/.test(raw) ? Year.safeParse(raw) : undefined;
  if (!parsed?.success) throw notFound();
  return parsed.data;
};

export function championsRoutes(app: App, { db }: AppContext) {
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
