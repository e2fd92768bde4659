import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { isSecretariat } from "../../actor.js";
import { type FieldProblem, notFound } from "../../errors.js";
import { registerCollection } from "../../http/collections.js";
import { submitForm } from "../../http/edit-form.js";
import { doneNotice, listFilters } from "../../http/forms.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { renderProgressChart } from "./chart.js";
import { implementationCollection } from "./collection.js";
import { COUNT_FIELDS, CountsAdminPage, EDIT_FIELDS, FORM_FIELDS, type RecordFormInput, RecordFormPage, RecordsAdminPage } from "./pages/AdminPages.js";
import { MemberRecordPage } from "./pages/MemberRecordPage.js";
import { TrackerPage } from "./pages/TrackerPage.js";
import { ANNEXES, AdminFilter, type Annex, TrackerFilter } from "./schema.js";
import * as pkg from "./service.js";
import { documentsBySymbols } from "../documents/service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const IdParam = LangParam.extend({ id: z.string().max(20) });
const ADMIN_PAGE_SIZE = 50;
const TRACKER_QUERY = ["annex", "status", "region", "member"] as const;

/** A record's id from the path: digits only, else "no such record". */
const recordId = (raw: string): number => {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) throw notFound();
  return Number(raw);
};

/** Problems as a person reads them. */
const explain = (problems: FieldProblem[]): FieldProblem[] =>
  problems.map((p) => {
    if (p.field === "status_on" && p.message === "validation.required") return { ...p, message: "package.errors.dateNeeded" };
    if (p.field === "evidence_url" && p.message !== "validation.too_big") return { ...p, message: "package.errors.website" };
    return p;
  });

const NOTICES = { saved: "package.admin.saved", created: "package.admin.created", verified: "package.admin.verified", confirmed: "package.admin.confirmed" } as const;
const noticeOf = (query: unknown, lang: Lang) => {
  const done = doneNotice(query, Object.keys(NOTICES) as (keyof typeof NOTICES)[]);
  return done ? messages(lang)(NOTICES[done]) : undefined;
};

export function packageRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  registerCollection(app, ctx, implementationCollection);

  app.get("/:lang/package", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = listFilters(request.query, TRACKER_QUERY, TrackerFilter);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("package.title"), body: <TrackerPage input={input} problems={parsed.problems} query={links} /> };
        const tracker = await pkg.tracker(request.actor, db, parsed.value, lang, {
          mapTitle: t("package.mapTitle", { annex: parsed.value.annex ?? 1 }),
          mapDescription: (count) => t("package.mapDescription", { count }),
        });
        const annexes: Annex[] = parsed.value.annex ? [parsed.value.annex as Annex] : [...ANNEXES];
        const progress = tracker.progress.map((p) => ({ ...p, total: annexes.reduce((n, a) => n + p.byAnnex[a], 0) }));
        const chartSvg = renderProgressChart(progress, {
          title: t("package.progressTitle"),
          description: t("package.progressDescription"),
          barLabel: (p) => t("package.barLabel", { quarter: p.quarter, count: p.total }),
        });
        return {
          title: t("package.title"),
          description: t("package.navDescription"),
          body: <TrackerPage input={input} problems={[]} tracker={tracker} chartSvg={chartSvg} query={links} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: [...TRACKER_QUERY] },
    );
  });

  app.get("/:lang/package/:code", { schema: { hide: true, params: LangParam.extend({ code: z.string().max(8) }) } }, async (request, reply) => {
    const { lang, code } = request.params;
    if (/^[a-z]{2}$/i.test(code) && code !== code.toUpperCase()) return reply.redirect(`/${lang}/package/${code.toUpperCase()}`, 301);
    if (!/^[A-Z]{2}$/.test(code)) throw notFound();
    const member = await pkg.memberRecord(request.actor, db, code, lang);
    return app.pages.send(request, reply, lang, async ({ t }) => {
      // The registry's titles of the documents the evidence names.
      const symbols = member.items.flatMap((i) => [i.evidence.document, i.evidence.meeting?.symbol]).filter((s): s is string => !!s);
      const found = await documentsBySymbols(request.actor, db, symbols);
      const titles = new Map([...found].flatMap(([symbol, d]) => (d.titles[lang] ? [[symbol, { text: d.titles[lang].text, lang: d.titles[lang].lang }] as const] : [])));
      return { title: t("package.memberTitle", { name: member.name }), body: <MemberRecordPage member={member} titles={titles} /> };
    });
  });

  // --- The back office ---------------------------------------------------------------------------

  app.get("/:lang/admin/package", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const { input, parsed, links } = listFilters(request.query, ["confirmation", "annex", "member"] as const, AdminFilter);
    const filter = parsed.ok ? parsed.value : { page: 1 };
    const list = await pkg.listEditable(request.actor, db, filter, lang, ADMIN_PAGE_SIZE);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("package.admin.title"),
        body: <RecordsAdminPage list={list} input={input} query={links} secretariat={isSecretariat(request.actor)} notice={noticeOf(request.query, lang)} />,
      }),
      { cache: false },
    );
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: { input: RecordFormInput; problems?: FieldProblem[]; status?: number }) => {
    const economies = await pkg.recordableEconomies(request.actor, db, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("package.admin.newTitle"), body: <RecordFormPage economies={economies} input={props.input} problems={props.problems ?? []} /> }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/package/new", { schema: { hide: true, params: LangParam } }, async (request, reply) =>
    newPage(request, reply, request.params.lang, { input: { status: "done", status_precision: "day", annex: "1" } }),
  );

  app.post("/:lang/admin/package", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    // Who may record anything comes first (401/403 before the form is read).
    await pkg.recordableEconomies(request.actor, db, lang);
    return submitForm(request.body, reply, {
      fields: FORM_FIELDS,
      save: async (input) => {
        const id = await pkg.createRecord(request.actor, db, input);
        return `/${lang}/admin/package/${id}?done=created`;
      },
      show: ({ input, problems, status }) => newPage(request, reply, lang, { input, problems: explain(problems), status }),
    });
  });

  const countsPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: { input?: Partial<Record<(typeof COUNT_FIELDS)[number], string>>; problems?: FieldProblem[]; status?: number }) => {
    const counts = await pkg.listCountsForEdit(request.actor, db);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("package.admin.countsTitle"),
        body: (
          <CountsAdminPage
            counts={counts}
            input={props.input ?? { annex: "2", as_of_precision: "by" }}
            problems={props.problems ?? []}
            notice={doneNotice(request.query, ["counted"] as const) ? t("package.admin.countAdded") : undefined}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/package/counts", { schema: { hide: true, params: LangParam } }, async (request, reply) => countsPage(request, reply, request.params.lang, {}));

  app.post("/:lang/admin/package/counts", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    // Only the Secretariat records counts: refused before the form is read.
    await pkg.listCountsForEdit(request.actor, db);
    return submitForm(request.body, reply, {
      fields: COUNT_FIELDS,
      save: async (input) => {
        await pkg.createCount(request.actor, db, input);
        return `/${lang}/admin/package/counts?done=counted`;
      },
      show: ({ input, problems, status }) => countsPage(request, reply, lang, { input, problems, status }),
    });
  });

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    id: number,
    props: { input?: RecordFormInput; problems?: FieldProblem[]; status?: number; notice?: string },
  ) => {
    const { item, row } = await pkg.getRecordForEdit(request.actor, db, id, lang);
    const history = await historyOf(db, { entity: "package_record", entityId: String(id) }, historyPageOf(request.query));
    const stored: RecordFormInput = {};
    for (const field of EDIT_FIELDS) stored[field] = String(row[field] ?? "");
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("package.admin.editTitle", { name: item.memberName, annex: item.annex }),
        body: (
          <RecordFormPage
            item={item}
            input={props.input ?? stored}
            problems={props.problems ?? []}
            history={history}
            notice={props.notice}
            mayConfirm={pkg.mayConfirm(request.actor)}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/package/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    return editPage(request, reply, lang, recordId(request.params.id), { notice: noticeOf(request.query, lang) });
  });

  app.post("/:lang/admin/package/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const id = recordId(request.params.id);
    // Out of scope or unknown: 404 before the form is read.
    await pkg.getRecordForEdit(request.actor, db, id, lang);
    return submitForm(request.body, reply, {
      fields: EDIT_FIELDS,
      save: async (input) => {
        await pkg.updateRecord(request.actor, db, id, input);
        return `/${lang}/admin/package/${id}?done=saved`;
      },
      show: ({ input, problems, status }) => editPage(request, reply, lang, id, { input, problems: explain(problems), status }),
    });
  });

  app.post("/:lang/admin/package/:id/verify", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const id = recordId(request.params.id);
    await pkg.verifyRecord(request.actor, db, id);
    return reply.redirect(`/${lang}/admin/package/${id}?done=verified`, 303);
  });

  app.post("/:lang/admin/package/:id/confirm", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const id = recordId(request.params.id);
    await pkg.confirmRecord(request.actor, db, id);
    return reply.redirect(`/${lang}/admin/package/${id}?done=confirmed`, 303);
  });
}
