import { z } from "zod";
import { type FieldProblem, notFound } from "../../errors.js";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { formFields } from "../../http/forms.js";
import { check } from "../../http/validation.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyPageOf } from "../audit/service.js";
import { renderInForceChart } from "./chart.js";
import { agreementsCollection, FILTER_NAMES } from "./collection.js";
import { AgreementPage, AgreementsPage, BetweenPage, ComparePage } from "./pages/AgreementPages.js";
import { AgreementDetail, BetweenQuery, BetweenResult, CompareQuery, IsoDay, RtaId } from "./schema.js";
import * as agreements from "./service.js";

const PAGE_SIZE = 50;
const LangParam = z.object({ lang: z.enum(LANGS) });

export function agreementsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  registerCollection(app, ctx, agreementsCollection);

  app.get(
    "/api/v1/agreements/between",
    {
      schema: {
        tags: ["agreements"],
        summary: "Agreements in force, or signed and not yet in force, between two economies or blocs on a day",
        description: "Blocs (EU, EFTA, MERCOSUR …) are expanded to their members on the day. `status` is the agreement's status between the two on that day, which can differ from its overall status (a party for which it is not yet in force).",
        querystring: BetweenQuery,
        response: { 200: BetweenResult },
      },
    },
    async (request) => {
      const { a, b, date, lang } = request.query;
      return agreements.agreementsBetween(request.actor, db, a, b, date ?? agreements.today(), lang);
    },
  );

  app.get(
    "/api/v1/agreements/:rtaId",
    {
      schema: {
        tags: ["agreements"],
        summary: "One agreement by its WTO RTA ID: parties (blocs with their members on `date`), dates, history, MSME provisions",
        params: z.object({ rtaId: RtaId }),
        querystring: z.object({ lang: z.enum(LANGS).default("en"), date: IsoDay.optional() }).strict(),
        response: { 200: AgreementDetail },
      },
    },
    async (request) => agreements.getAgreement(request.actor, db, request.params.rtaId, request.query.lang, request.query.date),
  );

  app.get("/:lang/agreements", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(agreementsCollection, request.query, FILTER_NAMES);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        const parties = await agreements.partyChoices(db, lang);
        if (!parsed.ok) return { title: t("agreements.title"), body: <AgreementsPage input={input} problems={parsed.problems} query={links} parties={parties} /> };
        const { page, ...filter } = parsed.value;
        const list = await agreements.listAgreements(request.actor, db, { ...filter, lang, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
        const years = await agreements.inForceByYear(request.actor, db);
        const last = years.at(-1);
        const svg = renderInForceChart(years, {
          title: t("agreements.chart.title"),
          description: t("agreements.chart.description", { year: last?.year ?? "", withMsme: last?.withMsme ?? 0, withoutMsme: last?.withoutMsme ?? 0 }),
          withMsme: t("agreements.chart.withMsme"),
          withoutMsme: t("agreements.chart.withoutMsme"),
        });
        return {
          title: t("agreements.title"),
          description: t("agreements.navDescription"),
          body: (
            <AgreementsPage
              input={input}
              problems={[]}
              query={links}
              parties={parties}
              chart={{ svg, years }}
              result={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }}
            />
          ),
        };
      },
      { status: parsed.ok ? 200 : 400, query: [...FILTER_NAMES, "page"] },
    );
  });

  /** A service's refusal of the input (400 with fields), as the problems to show at the form; anything else is thrown on. */
  const problemsOf = (error: unknown): FieldProblem[] => {
    const e = error as { fields?: FieldProblem[]; status?: number };
    if (e.status === 400 && e.fields?.length) return e.fields;
    throw error;
  };

  app.get("/:lang/agreements/between", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const input = formFields(request.query, ["a", "b", "date"]);
    const choices = await agreements.partyChoices(db, lang);
    let problems: FieldProblem[] = [];
    let result: BetweenResult | undefined;
    if (input.a || input.b || input.date) {
      const parsed = check(BetweenQuery, Object.fromEntries(Object.entries({ ...input, lang }).filter(([, v]) => v !== "")));
      if (!parsed.ok) problems = parsed.problems;
      else {
        try {
          result = await agreements.agreementsBetween(request.actor, db, parsed.value.a, parsed.value.b, parsed.value.date ?? agreements.today(), lang);
        } catch (error) {
          problems = problemsOf(error);
        }
      }
    }
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: result ? t("agreements.between.resultTitle", { a: result.a.name, b: result.b.name }) : t("agreements.between.title"),
        body: <BetweenPage choices={choices} input={input} problems={problems} result={result} />,
      }),
      // Without a date the answer is today's: a cached page would be yesterday's after midnight, for a minute at most.
      { status: problems.length ? 400 : 200, query: ["a", "b", "date"] },
    );
  });

  app.get("/:lang/agreements/compare", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const input = formFields(request.query, ["ids"]);
    let problems: FieldProblem[] = [];
    let result: Awaited<ReturnType<typeof agreements.compareAgreements>> | undefined;
    if (input.ids) {
      const parsed = check(CompareQuery, { ids: input.ids });
      if (!parsed.ok) problems = parsed.problems;
      else {
        try {
          result = await agreements.compareAgreements(request.actor, db, parsed.value.ids, lang);
        } catch (error) {
          problems = problemsOf(error);
        }
      }
    }
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("agreements.compare.title"),
        body: <ComparePage agreements={result?.agreements ?? []} categories={result?.categories ?? []} problems={problems} input={input} />,
      }),
      { status: problems.length ? 400 : 200, query: ["ids"] },
    );
  });

  app.get(
    "/:lang/agreements/:rtaId",
    { schema: { hide: true, params: LangParam.extend({ rtaId: z.string().max(12) }) } },
    async (request, reply) => {
      const { lang, rtaId } = request.params;
      const id = RtaId.safeParse(rtaId);
      if (!/^[1-9]\d{0,9}$/.test(rtaId) || !id.success) throw notFound();
      const agreement = await agreements.getAgreement(request.actor, db, id.data, lang);
      const history = await agreements.agreementHistory(db, id.data, historyPageOf(request.query));
      return app.pages.send(
        request,
        reply,
        lang,
        async ({ t }) => {
          // Where the parties are today: economies as themselves, blocs as their members.
          const parties = agreement.currentParties.length ? agreement.currentParties : agreement.originalParties;
          const codes = [...new Set(parties.flatMap((p) => (p.kind === "bloc" ? p.members.map((m) => m.code) : [p.code])))];
          const mapSvg = codes.length
            ? await agreements.partiesMap(db, codes, lang, { title: t("agreements.map.title"), description: t("agreements.map.description", { count: codes.length }) })
            : undefined;
          return { title: agreement.name, body: <AgreementPage agreement={agreement} history={history} mapSvg={mapSvg} /> };
        },
        { query: ["history"] },
      );
    },
  );
}

