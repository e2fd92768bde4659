import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError, type FieldProblem, notFound } from "../../errors.js";
import { FILE_KINDS, type FileKind, fileStore } from "../../files/index.js";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { submitForm } from "../../http/edit-form.js";
import { formFields } from "../../http/forms.js";
import { readUpload, sendStoredFile } from "../../http/uploads.js";
import { check } from "../../http/validation.js";
import { messages } from "../../i18n/catalogue.js";
import { isLang, LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { recommendationsCollection } from "./collection.js";
import { QueuePage, RecommendationAdminPage } from "./pages/AdminPages.js";
import { ConfirmedPage, ConfirmPage, IssuedListPage, IssuedRecommendationPage, SubmitPage, TrackingPage } from "./pages/PublicPages.js";
import { SubmissionInput } from "./schema.js";
import * as recommendations from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const TokenParam = LangParam.extend({ token: z.string().max(100) });
const IdParam = LangParam.extend({ id: z.string().max(20) });
const PAGE_SIZE = 25;
const SUBMIT_FIELDS = ["submitter", "organization", "country", "email", "lang", "title", "body", "website"] as const;

const idOf = (raw: string): number => {
  if (!/^[1-9][0-9]{0,12}$/.test(raw)) throw notFound();
  return Number(raw);
};
const pageOf = (query: unknown) => {
  const raw = Number((query as Record<string, unknown>)?.page);
  return Number.isInteger(raw) && raw >= 1 && raw <= 1000 ? raw : 1;
};

const NOTICES = { reviewing: "recommendations.admin.reviewing", issued: "recommendations.admin.issued", declined: "recommendations.admin.declined", tagged: "recommendations.admin.tagged" } as const;
const notice = (query: unknown, lang: Lang) => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

/** The form's text fields as typed, and the topics ticked (`topics.<slug>=yes`). */
function submissionOf(input: Record<string, string>, lang: Lang) {
  const topics = Object.keys(input)
    .filter((name) => name.startsWith("topics.") && input[name] === "yes")
    .map((name) => name.slice("topics.".length))
    .slice(0, 21);
  const fields = Object.fromEntries(SUBMIT_FIELDS.map((name) => [name, input[name] ?? ""]));
  return { ...fields, lang: isLang(fields.lang) ? fields.lang : fields.lang || lang, topics };
}

/** No token in a link of these pages leaves through the Referer. */
const privatePage = (reply: FastifyReply) => reply.header("Referrer-Policy", "no-referrer").header("X-Robots-Tag", "noindex");

export function recommendationsRoutes(app: App, ctx: AppContext) {
  const { db, config } = ctx;
  const store = fileStore(config);
  const formLimit = { rateLimit: { max: config.FORM_RATE_LIMIT, timeWindow: 60_000 } };
  registerCollection(app, ctx, recommendationsCollection);

  // --- Public: the issued recommendations ---------------------------------------------------------

  app.get("/:lang/recommendations", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(recommendationsCollection, request.query, ["q", "year"]);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("recommendations.title"), body: <IssuedListPage input={input} query={links} problems={parsed.problems} /> };
        const { page, ...filter } = parsed.value;
        const list = await recommendations.listIssued(request.actor, db, { ...filter, lang, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
        return {
          title: t("recommendations.title"),
          description: t("recommendations.navDescription"),
          body: <IssuedListPage input={input} query={links} problems={[]} result={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["q", "year", "page"] },
    );
  });

  // --- Public: submitting ------------------------------------------------------------------------------

  const formPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, input: Record<string, string>, problems: FieldProblem[], status = 200) => {
    const [countries, topics] = await Promise.all([recommendations.countryChoices(db, lang), recommendations.topicChoices(db, lang)]);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("recommendations.form.title"),
        description: t("recommendations.form.lede"),
        body: <SubmitPage input={input} problems={problems} countries={countries.map((c) => ({ value: c.code, label: c.name }))} topics={topics} />,
      }),
      // The form carries a CSRF token: never from the cache.
      { status, cache: false },
    );
  };

  app.get("/:lang/recommendations/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => formPage(request, reply, request.params.lang, {}, []));

  app.uploads.post("/:lang/recommendations", { schema: { hide: true, params: LangParam }, config: formLimit }, async (request, reply) => {
    const { lang } = request.params;
    const read = await readUpload(request, { allow: ["pdf", "docx"], fields: z.looseObject({}), file: "attachment", optional: true, maxFiles: recommendations.MAX_ATTACHMENTS });
    // A form sent without a file (urlencoded): each field's first value, as every other form reads it.
    const body = request.body && typeof request.body === "object" ? request.body : {};
    const upload = request.isMultipart() ? read : { ...read, input: formFields(body, Object.keys(body).filter((name) => name !== "_csrf")) };
    if (!upload.ok) {
      // The file's problem, and every other field's at once.
      const others = check(SubmissionInput, submissionOf(upload.input, lang));
      const problems = [...upload.problems, ...(others.ok ? [] : others.problems.filter((p) => !upload.problems.some((u) => u.field === p.field)))];
      return formPage(request, reply, lang, upload.input, problems, upload.status);
    }
    // Each file kept in the store, in the order sent; any failure from here on deletes them all.
    const kept: recommendations.Attachment[] = [];
    const forget = () => Promise.all(kept.map((a) => store.delete(a.key)));
    try {
      for (const file of upload.files) {
        const stored = await file.keep(store);
        kept.push({ key: stored.key, name: file.name, type: file.mime, size: stored.size, sha256: stored.sha256 });
      }
      const { tracking, stored: written } = await recommendations.submitRecommendation(request.actor, db, config, submissionOf(upload.input, lang), kept);
      if (!written) await forget();
      return reply.redirect(`/${lang}/recommendations/track/${tracking}?done=submitted`, 303);
    } catch (error) {
      // Nothing recorded, nothing kept.
      await forget();
      if (error instanceof AppError && error.status === 400 && error.fields.length > 0) return formPage(request, reply, lang, upload.input, error.fields, 400);
      throw error;
    }
  });

  app.get("/:lang/recommendations/confirm/:token", { schema: { hide: true, params: TokenParam } }, async (request, reply) => {
    const { lang, token } = request.params;
    const open = await recommendations.confirmationOf(db, token);
    privatePage(reply);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("recommendations.confirm.title"), body: <ConfirmPage title={open.title} email={open.email} action={`/${lang}/recommendations/confirm/${token}`} /> }),
      { cache: false },
    );
  });

  app.post("/:lang/recommendations/confirm/:token", { schema: { hide: true, params: TokenParam }, config: formLimit }, async (request, reply) => {
    const { lang, token } = request.params;
    await recommendations.confirmSubmission(request.actor, db, token);
    privatePage(reply);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("recommendations.confirm.done"), body: <ConfirmedPage /> }), { cache: false });
  });

  app.get("/:lang/recommendations/track/:token", { schema: { hide: true, params: TokenParam } }, async (request, reply) => {
    const { lang, token } = request.params;
    const tracked = await recommendations.trackSubmission(db, token);
    const submitted = formFields(request.query, ["done"]).done === "submitted";
    privatePage(reply);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("recommendations.track.title"), body: <TrackingPage tracked={tracked} submitted={submitted} /> }), { cache: false });
  });

  app.get("/:lang/recommendations/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const page = await recommendations.getIssued(request.actor, db, idOf(request.params.id), lang);
    return app.pages.send(request, reply, lang, () => ({ title: page.item.symbol ? `${page.item.symbol}: ${page.item.title}` : page.item.title, body: <IssuedRecommendationPage page={page} /> }));
  });

  // --- The back office ------------------------------------------------------------------------------

  app.get("/:lang/admin/recommendations", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    recommendations.authorizeAdministerRecommendations(request.actor);
    const wanted = formFields(request.query, ["status"]).status;
    const status = recommendations.isStatus(wanted) ? wanted : undefined;
    const list = await recommendations.listQueue(request.actor, db, { status, page: pageOf(request.query), pageSize: PAGE_SIZE });
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("recommendations.admin.title"), body: <QueuePage list={list} status={status} /> }), { cache: false });
  });

  const detailPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, id: number, props: { input?: Record<string, string>; problems?: FieldProblem[]; status?: number }) => {
    const detail = await recommendations.getForAdmin(request.actor, db, id, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      () => ({ title: detail.row.title, body: <RecommendationAdminPage detail={detail} input={props.input ?? {}} problems={props.problems ?? []} notice={notice(request.query, lang)} /> }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/recommendations/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    recommendations.authorizeAdministerRecommendations(request.actor);
    return detailPage(request, reply, request.params.lang, idOf(request.params.id), {});
  });

  app.get("/:lang/admin/recommendations/:id/attachments/:n", { schema: { hide: true, params: IdParam.extend({ n: z.string().max(4) }) } }, async (request, reply) => {
    recommendations.authorizeAdministerRecommendations(request.actor);
    const position = /^[1-9]$/.test(request.params.n) ? Number(request.params.n) : 0;
    const file = await recommendations.attachmentOf(request.actor, db, idOf(request.params.id), position);
    const kind = (Object.keys(FILE_KINDS) as FileKind[]).find((k) => FILE_KINDS[k].mime === file.type);
    if (!kind) throw notFound();
    return sendStoredFile(request, reply, store, { key: file.key, name: file.name, kind, sha256: file.sha256, disposition: "attachment", cache: "private" });
  });

  const action = (path: "review" | "issue" | "decline" | "meeting", fields: readonly string[], run: (request: FastifyRequest, id: number, input: Record<string, string>) => Promise<unknown>, done: keyof typeof NOTICES) =>
    app.post(`/:lang/admin/recommendations/:id/${path}`, { schema: { hide: true, params: IdParam } }, async (request, reply) => {
      const { lang } = request.params;
      recommendations.authorizeAdministerRecommendations(request.actor);
      const id = idOf(request.params.id);
      return submitForm(request.body, reply, {
        fields,
        save: async (input) => {
          await run(request, id, input);
          return `/${lang}/admin/recommendations/${id}?done=${done}`;
        },
        show: ({ input, problems, status }) => detailPage(request, reply, lang, id, { input, problems, status }),
      });
    });
  action("review", [], (request, id) => recommendations.startReview(request.actor, db, id), "reviewing");
  action("issue", [], (request, id) => recommendations.issueRecommendation(request.actor, db, config, id), "issued");
  action("decline", ["reason"], (request, id, input) => recommendations.declineRecommendation(request.actor, db, id, input), "declined");
  action("meeting", ["meeting"], (request, id, input) => recommendations.tagToMeeting(request.actor, db, id, input), "tagged");
}
