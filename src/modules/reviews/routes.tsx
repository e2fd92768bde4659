import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type FieldProblem, notFound } from "../../errors.js";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { submitForm } from "../../http/edit-form.js";
import { doneNotice, formFields } from "../../http/forms.js";
import { relatedSections } from "../../http/related.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { listEconomyChoices } from "../members/service.js";
import { renderThresholdChart, type ThresholdGroup } from "./chart.js";
import { definitionsCollection, reviewsCollection } from "./collection.js";
import { type FormInput, QA_FIELDS, QaFormPage, REFERENCE_FIELDS, REVIEW_FIELDS, ReferenceFormPage, ReviewFormPage, ReviewsAdminPage } from "./pages/AdminPages.js";
import { DefinitionsPage, ReviewPage, ReviewsPage } from "./pages/ReviewsPages.js";
import { type DefinitionComparison, ReviewDetail, SIZE_CLASSES, type SizeClass, TOPICS } from "./schema.js";
import * as reviews from "./service.js";
import { documentsBySymbols } from "../documents/service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const IdParam = LangParam.extend({ id: z.string().max(20) });
const PAGE_SIZE = 50;

const idOf = (raw: string): number => {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) throw notFound();
  return Number(raw);
};

const NOTICES = { saved: "reviews.admin.saved", created: "reviews.admin.created" } as const;
const noticeOf = (query: unknown, lang: Lang) => {
  const done = doneNotice(query, ["saved", "created"] as const);
  return done ? messages(lang)(NOTICES[done]) : undefined;
};

/** The reference form's fields as the service takes them (the checkboxes of topics become one list). */
function referenceInput(input: Record<string, string>) {
  const cells: Record<string, string> = { ...input, topics: TOPICS.filter((t) => input[`topic.${t}`]).join(";") };
  return reviews.referenceFromColumns(cells);
}

/** A problem at a definition's row, at the form's field for it. */
const explainReference = (input: Record<string, string>, problems: FieldProblem[]): FieldProblem[] => {
  const given = SIZE_CLASSES.filter((s) => ["employees", "turnover", "assets"].some((k) => (input[`${s}_${k}`] ?? "").trim() !== ""));
  return problems.map((p) => {
    const d = /^definition\.(\d+)\.(\w+)$/.exec(p.field);
    if (!d) return p;
    const size = given[Number(d[1])];
    const name = d[2] ?? "";
    if (name === "sector" || name === "currency") return { ...p, field: name };
    return { ...p, field: size ? `${size}_${name.replace("_max", "")}` : p.field };
  });
};

export function reviewsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  registerCollection(app, ctx, definitionsCollection);
  registerCollection(app, ctx, reviewsCollection);

  app.get(
    "/api/v1/reviews/:id",
    {
      schema: {
        tags: ["reviews"],
        summary: "One Trade Policy Review with its MSME references and Q&As",
        params: z.object({ id: z.string().max(20) }),
        querystring: z.object({ lang: z.enum(LANGS).default("en") }).strict(),
        response: { 200: ReviewDetail },
      },
    },
    async (request) => reviews.getReview(request.actor, db, idOf(request.params.id), request.query.lang),
  );

  app.get("/:lang/reviews", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(reviewsCollection, request.query, ["member", "year", "topic"]);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("reviews.title"), body: <ReviewsPage input={input} problems={parsed.problems} query={links} /> };
        const { page, ...filter } = parsed.value;
        const list = await reviews.listReviews(request.actor, db, { ...filter, lang }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
        return {
          title: t("reviews.title"),
          description: t("reviews.navDescription"),
          body: <ReviewsPage input={input} problems={[]} query={links} result={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["member", "year", "topic", "page"] },
    );
  });

  app.get("/:lang/reviews/definitions", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(definitionsCollection, request.query, ["member", "sizeClass"]);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("reviews.definitionsTitle"), body: <DefinitionsPage input={input} problems={parsed.problems} query={links} /> };
        const { page, ...filter } = parsed.value;
        const list = await reviews.compareDefinitions(request.actor, db, { ...filter, lang }, { limit: 500, offset: (page - 1) * 500 });
        const groups = new Map<string, ThresholdGroup>();
        for (const row of list.items as DefinitionComparison[]) {
          if (row.employeesMax === null) continue;
          const label = `${row.memberName} (${row.year})${row.sector ? `, ${row.sector}` : ""}`;
          const key = `${row.referenceId}|${row.member}|${row.sector ?? ""}`;
          const group = groups.get(key) ?? { label, bars: [] };
          group.bars.push({ sizeClass: row.sizeClass, value: row.employeesMax, title: t("reviews.barLabel", { label, size: t(`reviews.sizeClasses.${row.sizeClass}`), count: row.employeesMax }) });
          groups.set(key, group);
        }
        const legend = Object.fromEntries(SIZE_CLASSES.map((s) => [s, t(`reviews.sizeClasses.${s}`)])) as Record<SizeClass, string>;
        const chartSvg = groups.size > 0 ? renderThresholdChart([...groups.values()], { title: t("reviews.chartTitle"), description: t("reviews.chartDescription"), legend }) : undefined;
        return {
          title: t("reviews.definitionsTitle"),
          body: <DefinitionsPage input={input} problems={[]} query={links} chartSvg={chartSvg} result={{ ...list, page, pages: pageCount(list.total, 500) }} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["member", "sizeClass", "page"] },
    );
  });

  app.get("/:lang/reviews/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const review = await reviews.getReview(request.actor, db, idOf(request.params.id), lang);
    return app.pages.send(request, reply, lang, async ({ t }) => {
      // The registry's titles of the review's documents.
      const symbols = [...Object.values(review.documents), ...review.qas.map((q) => q.document)].filter((s): s is string => !!s);
      const found = await documentsBySymbols(request.actor, db, symbols);
      const titles = new Map([...found].flatMap(([symbol, d]) => (d.titles[lang] ? [[symbol, { text: d.titles[lang].text, lang: d.titles[lang].lang }] as const] : [])));
      return {
        title: t("reviews.reviewTitle", { members: review.members.map((m) => m.name).join(", "), year: review.year }),
        body: <ReviewPage review={review} titles={titles} related={await relatedSections(ctx, { on: "review", id: String(review.id), actor: request.actor, lang, t })} />,
      };
    });
  });

  // --- The back office ---------------------------------------------------------------------------

  app.get("/:lang/admin/reviews", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    const raw = Number(formFields(request.query, ["page"]).page);
    const page = Number.isInteger(raw) && raw >= 1 && raw <= 1000 ? raw : 1;
    const list = await reviews.listReviews(request.actor, db, { lang }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("reviews.admin.title"), body: <ReviewsAdminPage list={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }} notice={noticeOf(request.query, lang)} /> }),
      { cache: false },
    );
  });

  const reviewForm = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, id: number | undefined, props: { input?: FormInput; problems?: FieldProblem[]; status?: number; notice?: string }) => {
    reviews.authorizeEdit(request.actor);
    let review: ReviewDetail | undefined;
    let input = props.input;
    let history: Awaited<ReturnType<typeof historyOf>> | undefined;
    if (id !== undefined) {
      review = await reviews.getReview(request.actor, db, id, lang);
      const row = await reviews.getReviewForEdit(request.actor, db, id);
      history = await historyOf(db, { entity: "tpr_review", entityId: String(id) }, historyPageOf(request.query));
      input ??= {
        ...Object.fromEntries(REVIEW_FIELDS.map((f) => [f, String((row as unknown as Record<string, unknown>)[f] ?? "")])),
        members: row.members.join("; "),
        msme_section: row.msme_section ? "on" : "",
        verified: row.verified ? "on" : "",
        illustrative: row.illustrative ? "on" : "",
      };
    }
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: review ? t("reviews.admin.editTitle", { members: review.members.map((m) => m.name).join(", "), year: review.year }) : t("reviews.admin.newTitle"),
        body: <ReviewFormPage review={review} input={input ?? {}} problems={props.problems ?? []} history={history} notice={props.notice} />,
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/reviews/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => reviewForm(request, reply, request.params.lang, undefined, { input: {} }));

  app.post("/:lang/admin/reviews", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    return submitForm(request.body, reply, {
      fields: REVIEW_FIELDS,
      save: async (input) => `/${lang}/admin/reviews/${await reviews.createReview(request.actor, db, input)}?done=created`,
      show: ({ input, problems, status }) => reviewForm(request, reply, lang, undefined, { input, problems, status }),
    });
  });

  app.get("/:lang/admin/reviews/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    return reviewForm(request, reply, lang, idOf(request.params.id), { notice: noticeOf(request.query, lang) });
  });

  app.post("/:lang/admin/reviews/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    const id = idOf(request.params.id);
    await reviews.getReviewForEdit(request.actor, db, id);
    return submitForm(request.body, reply, {
      fields: REVIEW_FIELDS,
      save: async (input) => {
        await reviews.updateReview(request.actor, db, id, input);
        return `/${lang}/admin/reviews/${id}?done=saved`;
      },
      show: ({ input, problems, status }) => reviewForm(request, reply, lang, id, { input, problems, status }),
    });
  });

  // References

  const referenceForm = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, at: { reviewId: number; referenceId?: number }, props: { input?: FormInput; problems?: FieldProblem[]; status?: number }) => {
    reviews.authorizeEdit(request.actor);
    let input = props.input;
    let history: Awaited<ReturnType<typeof historyOf>> | undefined;
    if (at.referenceId !== undefined) {
      const r = await reviews.getReferenceForEdit(request.actor, db, at.referenceId);
      history = await historyOf(db, { entity: "tpr_reference", entityId: `${r.reviewId}:${r.id}` }, historyPageOf(request.query));
      const first = r.definition[0];
      input ??= {
        report_type: r.reportType,
        location: r.location ?? "",
        summary: r.summary,
        quote: r.quote ?? "",
        quote_source: r.quoteSource ?? "",
        ...Object.fromEntries(r.topics.map((topic) => [`topic.${topic}`, "on"])),
        source_url: r.sourceUrl ?? "",
        illustrative: r.illustrative ? "on" : "",
        verified: r.verified ? "on" : "",
        sector: first?.sector ?? "",
        currency: first?.currency ?? "",
        ...Object.fromEntries(
          r.definition.flatMap((d) => [
            [`${d.sizeClass}_employees`, d.employeesMax === null ? "" : String(d.employeesMax)],
            [`${d.sizeClass}_turnover`, d.turnoverMax === null ? "" : String(d.turnoverMax)],
            [`${d.sizeClass}_assets`, d.assetsMax === null ? "" : String(d.assetsMax)],
          ]),
        ),
      };
    } else {
      await reviews.getReviewForEdit(request.actor, db, at.reviewId);
    }
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: at.referenceId ? t("reviews.admin.referenceTitle") : t("reviews.admin.newReferenceTitle"),
        body: <ReferenceFormPage reviewId={at.reviewId} referenceId={at.referenceId} input={input ?? { report_type: "government" }} problems={props.problems ?? []} history={history} />,
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/reviews/:id/references/new", { schema: { hide: true, params: IdParam } }, async (request, reply) =>
    referenceForm(request, reply, request.params.lang, { reviewId: idOf(request.params.id) }, {}),
  );

  app.post("/:lang/admin/reviews/:id/references", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    const reviewId = idOf(request.params.id);
    await reviews.getReviewForEdit(request.actor, db, reviewId);
    return submitForm(request.body, reply, {
      fields: REFERENCE_FIELDS,
      save: async (input) => {
        await reviews.createReference(request.actor, db, reviewId, referenceInput(input));
        return `/${lang}/admin/reviews/${reviewId}?done=created`;
      },
      show: ({ input, problems, status }) => referenceForm(request, reply, lang, { reviewId }, { input, problems: explainReference(input, problems), status }),
    });
  });

  app.get("/:lang/admin/reviews/references/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    reviews.authorizeEdit(request.actor);
    const r = await reviews.getReferenceForEdit(request.actor, db, idOf(request.params.id));
    return referenceForm(request, reply, request.params.lang, { reviewId: r.reviewId, referenceId: r.id }, {});
  });

  app.post("/:lang/admin/reviews/references/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    const r = await reviews.getReferenceForEdit(request.actor, db, idOf(request.params.id));
    return submitForm(request.body, reply, {
      fields: REFERENCE_FIELDS,
      save: async (input) => {
        const reviewId = await reviews.updateReference(request.actor, db, r.id, referenceInput(input));
        return `/${lang}/admin/reviews/${reviewId}?done=saved`;
      },
      show: ({ input, problems, status }) => referenceForm(request, reply, lang, { reviewId: r.reviewId, referenceId: r.id }, { input, problems: explainReference(input, problems), status }),
    });
  });

  // Q&As

  const qaForm = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, at: { reviewId: number; qaId?: number }, props: { input?: FormInput; problems?: FieldProblem[]; status?: number }) => {
    reviews.authorizeEdit(request.actor);
    let input = props.input;
    let history: Awaited<ReturnType<typeof historyOf>> | undefined;
    if (at.qaId !== undefined) {
      const q = await reviews.getQaForEdit(request.actor, db, at.qaId);
      history = await historyOf(db, { entity: "tpr_qa", entityId: String(at.qaId) }, historyPageOf(request.query));
      input ??= { asked_by: q.asked_by ?? "", question: q.question, answer: q.answer ?? "", document: q.document ?? "", illustrative: q.illustrative ? "on" : "" };
    } else {
      await reviews.getReviewForEdit(request.actor, db, at.reviewId);
    }
    const economies = await listEconomyChoices(db, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: at.qaId ? t("reviews.admin.qaTitle") : t("reviews.admin.newQaTitle"),
        body: <QaFormPage reviewId={at.reviewId} qaId={at.qaId} input={input ?? {}} problems={props.problems ?? []} economies={economies} history={history} />,
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/reviews/:id/qas/new", { schema: { hide: true, params: IdParam } }, async (request, reply) =>
    qaForm(request, reply, request.params.lang, { reviewId: idOf(request.params.id) }, {}),
  );

  app.post("/:lang/admin/reviews/:id/qas", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    const reviewId = idOf(request.params.id);
    await reviews.getReviewForEdit(request.actor, db, reviewId);
    return submitForm(request.body, reply, {
      fields: QA_FIELDS,
      save: async (input) => {
        await reviews.createQa(request.actor, db, reviewId, input);
        return `/${lang}/admin/reviews/${reviewId}?done=created`;
      },
      show: ({ input, problems, status }) => qaForm(request, reply, lang, { reviewId }, { input, problems, status }),
    });
  });

  app.get("/:lang/admin/reviews/qas/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    reviews.authorizeEdit(request.actor);
    const q = await reviews.getQaForEdit(request.actor, db, idOf(request.params.id));
    return qaForm(request, reply, request.params.lang, { reviewId: Number(q.review_id), qaId: Number(q.id) }, {});
  });

  app.post("/:lang/admin/reviews/qas/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    reviews.authorizeEdit(request.actor);
    const q = await reviews.getQaForEdit(request.actor, db, idOf(request.params.id));
    return submitForm(request.body, reply, {
      fields: QA_FIELDS,
      save: async (input) => {
        const reviewId = await reviews.updateQa(request.actor, db, Number(q.id), input);
        return `/${lang}/admin/reviews/${reviewId}?done=saved`;
      },
      show: ({ input, problems, status }) => qaForm(request, reply, lang, { reviewId: Number(q.review_id), qaId: Number(q.id) }, { input, problems, status }),
    });
  });
}
