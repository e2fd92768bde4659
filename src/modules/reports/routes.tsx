import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { publicOrigin } from "../../config.js";
import type { FieldProblem } from "../../errors.js";
import { submitForm } from "../../http/edit-form.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, postedTextFields } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { AdminReportPage } from "./pages/AdminReportPage.js";
import { ReportPage } from "./pages/ReportPage.js";
import * as reports from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const YearParam = LangParam.extend({ year: z.string().max(10) });
const SectionParam = YearParam.extend({ section: z.string().max(40) });

const NOTICES = { saved: "reports.admin.saved", adopted: "reports.admin.adopted" } as const;
const notice = (query: unknown, lang: Lang): string | undefined => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

const fileName = (draft: { year: number; lang: string }, extension: string) => `trade4msmes-annual-report-${draft.year}-${draft.lang}.${extension}`;

export function reportsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  const origin = publicOrigin(ctx.config);

  app.get("/:lang/reports/annual/:year", { schema: { hide: true, params: YearParam } }, async (request, reply) => {
    const { lang } = request.params;
    const year = reports.reportYear(request.params.year);
    const [draft, years] = await Promise.all([reports.annualReport(request.actor, db, year, lang), reports.reportYears(request.actor, db)]);
    return app.pages.send(request, reply, lang, async () => ({ title: draft.title, description: draft.status, body: <ReportPage draft={draft} years={years} /> }));
  });

  app.get("/:lang/reports/annual/:year/report.docx", { schema: { hide: true, params: YearParam } }, async (request, reply) => {
    const { lang } = request.params;
    const draft = await reports.annualReport(request.actor, db, reports.reportYear(request.params.year), lang);
    return reply
      .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
      .header("Content-Disposition", `attachment; filename="${fileName(draft, "docx")}"`)
      .send(await (await import("./docx.js")).reportDocx(draft, origin));
  });

  app.get("/:lang/reports/annual/:year/report.pdf", { schema: { hide: true, params: YearParam } }, async (request, reply) => {
    const { lang } = request.params;
    const draft = await reports.annualReport(request.actor, db, reports.reportYear(request.params.year), lang);
    return reply.type("application/pdf").header("Content-Disposition", `attachment; filename="${fileName(draft, "pdf")}"`).send(await (await import("./pdf.js")).reportPdf(draft, origin));
  });

  // --- The back office --------------------------------------------------------------------------

  app.get("/:lang/admin/reports", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    await reports.reportForEdit(request.actor, db, new Date().getUTCFullYear());
    const years = await reports.reportYears(request.actor, db);
    return reply.redirect(`/${lang}/admin/reports/annual/${years[0] ?? new Date().getUTCFullYear()}`, 303);
  });

  const adminPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    year: number,
    props: { input?: Record<string, string>; problems?: FieldProblem[]; section?: string; status?: number; notice?: string } = {},
  ) => {
    const edit = await reports.reportForEdit(request.actor, db, year);
    const [draft, years, history] = await Promise.all([
      reports.annualReport(request.actor, db, year, lang),
      reports.reportYears(request.actor, db),
      historyOf(
        db,
        [{ entity: "annual_report", entityId: String(year) }, ...reports.SECTIONS.map((s) => ({ entity: "report_narrative", entityId: `${year}:${s}` }))],
        historyPageOf(request.query),
      ),
    ]);
    const shown = years.includes(year) ? years : [year, ...years].sort((a, b) => b - a);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("reports.admin.yearTitle", { year }),
        body: (
          <AdminReportPage
            draft={draft}
            years={shown}
            narratives={edit.narratives}
            adopted={edit.adopted}
            input={props.input ?? {}}
            problems={props.problems ?? []}
            section={props.section}
            history={history}
            notice={props.notice}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/reports/annual/:year", { schema: { hide: true, params: YearParam } }, async (request, reply) => {
    const { lang } = request.params;
    return adminPage(request, reply, lang, reports.reportYear(request.params.year), { notice: notice(request.query, lang) });
  });

  app.post("/:lang/admin/reports/annual/:year/narratives/:section", { schema: { hide: true, params: SectionParam } }, async (request, reply) => {
    const { lang, section } = request.params;
    const year = reports.reportYear(request.params.year);
    await reports.reportForEdit(request.actor, db, year);
    return submitForm(request.body, reply, {
      fields: postedTextFields("body", request.body),
      save: async (input) => {
        await reports.saveNarrative(request.actor, db, year, section, editFromForm("body", input));
        return `/${lang}/admin/reports/annual/${year}?done=saved`;
      },
      show: ({ input, problems, status }) => adminPage(request, reply, lang, year, { input, problems, section, status }),
    });
  });

  app.post("/:lang/admin/reports/annual/:year/adoption", { schema: { hide: true, params: YearParam } }, async (request, reply) => {
    const { lang } = request.params;
    const year = reports.reportYear(request.params.year);
    await reports.reportForEdit(request.actor, db, year);
    return submitForm(request.body, reply, {
      fields: ["symbol", "dated", "source"],
      save: async (input) => {
        await reports.adoptReport(request.actor, db, year, input);
        return `/${lang}/admin/reports/annual/${year}?done=adopted`;
      },
      show: ({ input, problems, status }) => adminPage(request, reply, lang, year, { input, problems, section: "adoption", status }),
    });
  });
}
