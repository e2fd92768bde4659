import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldProblem } from "../../errors.js";
import { notFound } from "../../errors.js";
import { submitForm } from "../../http/edit-form.js";
import { formFields } from "../../http/forms.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, formValuesOf, postedTextFields } from "../../i18n/content.js";
import { isLang, LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { type IssueFormInput, IssueAdminPage, IssuesAdminPage, NewIssuePage, PreviewPage } from "./pages/AdminPages.js";
import { ConfirmLinkPage, DonePage, IssuePage, NewslettersPage, type SubscribeForm } from "./pages/PublicPages.js";
import { NEWSLETTER_TOPICS } from "./schema.js";
import * as newsletters from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const TokenParam = LangParam.extend({ token: z.string().max(100) });
const IdParam = LangParam.extend({ id: z.string().max(20) });
const ARCHIVE_PAGE_SIZE = 25;
const ADMIN_PAGE_SIZE = 25;

const TOPIC_FIELDS = NEWSLETTER_TOPICS.map((topic) => `topics.${topic}`);
const SUBSCRIBE_FIELDS = ["email", "lang", "website", ...TOPIC_FIELDS];

/** The topics ticked in a form (`topics.events=yes`, …). */
const topicsOf = (input: Record<string, string>) => NEWSLETTER_TOPICS.filter((topic) => input[`topics.${topic}`] === "yes");

const idOf = (raw: string): number => {
  if (!/^[1-9][0-9]{0,12}$/.test(raw)) throw notFound();
  return Number(raw);
};

const pageOf = (query: unknown) => {
  const raw = Number((query as Record<string, unknown>)?.page);
  return Number.isInteger(raw) && raw >= 1 && raw <= 1000 ? raw : 1;
};

const NOTICES = { created: "newsletters.admin.created", saved: "newsletters.admin.saved", tested: "newsletters.admin.tested", sending: "newsletters.admin.sendingStarted" } as const;
const notice = (query: unknown, lang: Lang) => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

function issueFromForm(input: Record<string, string>) {
  return { subject: editFromForm("subject", input), intro: editFromForm("intro", input), topics: topicsOf(input) };
}
const issueFormNames = (body: unknown) => [...postedTextFields("subject", body), ...postedTextFields("intro", body), ...TOPIC_FIELDS, "recompose"];

export function newslettersRoutes(app: App, ctx: AppContext) {
  const { db, config } = ctx;
  const formLimit = { rateLimit: { max: config.FORM_RATE_LIMIT, timeWindow: 60_000 } };

  // --- Public: the archive and the subscription ------------------------------------------------------

  const archivePage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: { input: SubscribeForm; problems: FieldProblem[]; status?: number }) => {
    const archive = await newsletters.listArchive(request.actor, db, lang, pageOf(request.query), ARCHIVE_PAGE_SIZE);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("newsletters.title"), description: t("newsletters.navDescription"), body: <NewslettersPage archive={archive} input={props.input} problems={props.problems} /> }),
      // The subscription form carries a CSRF token: never from the cache.
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/newsletters", { schema: { hide: true, params: LangParam } }, async (request, reply) =>
    archivePage(request, reply, request.params.lang, { input: {}, problems: [] }),
  );

  app.post("/:lang/newsletters/subscribe", { schema: { hide: true, params: LangParam }, config: formLimit }, async (request, reply) => {
    const { lang } = request.params;
    return submitForm(request.body, reply, {
      fields: SUBSCRIBE_FIELDS,
      save: async (input) => {
        await newsletters.requestSubscription(request.actor, db, config, { email: input.email, lang: isLang(input.lang) ? input.lang : input.lang || lang, topics: topicsOf(input), website: input.website });
        return `/${lang}/newsletters/subscribed`;
      },
      show: ({ input, problems, status }) => archivePage(request, reply, lang, { input, problems, status }),
    });
  });

  app.get("/:lang/newsletters/subscribed", { schema: { hide: true, params: LangParam } }, async (request, reply) =>
    app.pages.send(request, reply, request.params.lang, ({ t }) => ({
      title: t("newsletters.subscribed.title"),
      body: <DonePage title={t("newsletters.subscribed.title")} line={t("newsletters.subscribed.line", { days: newsletters.CONFIRM_DAYS })} />,
    })),
  );

  app.get("/:lang/newsletters/confirm/:token", { schema: { hide: true, params: TokenParam } }, async (request, reply) => {
    const { lang, token } = request.params;
    const open = await newsletters.confirmationOf(db, token);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("newsletters.confirm.title"),
        body: (
          <ConfirmLinkPage
            title={t("newsletters.confirm.title")}
            line={t("newsletters.confirm.line", { email: open.email })}
            action={`/${lang}/newsletters/confirm/${token}`}
            button={t("newsletters.confirm.button")}
          />
        ),
      }),
      { cache: false },
    );
  });

  app.post("/:lang/newsletters/confirm/:token", { schema: { hide: true, params: TokenParam }, config: formLimit }, async (request, reply) => {
    const { lang, token } = request.params;
    await newsletters.confirmSubscription(request.actor, db, token);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("newsletters.confirm.done"), body: <DonePage title={t("newsletters.confirm.done")} line={t("newsletters.confirm.doneLine")} /> }), {
      cache: false,
    });
  });

  app.get("/:lang/newsletters/unsubscribe/:token", { schema: { hide: true, params: TokenParam } }, async (request, reply) => {
    const { lang, token } = request.params;
    const link = await newsletters.unsubscribeLinkOf(db, token);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) =>
        link.subscribed
          ? {
              title: t("newsletters.unsubscribe.title"),
              body: (
                <ConfirmLinkPage
                  title={t("newsletters.unsubscribe.title")}
                  line={t("newsletters.unsubscribe.line", { email: link.email })}
                  action={`/${lang}/newsletters/unsubscribe/${token}`}
                  button={t("newsletters.unsubscribe.button")}
                />
              ),
            }
          : { title: t("newsletters.unsubscribe.done"), body: <DonePage title={t("newsletters.unsubscribe.done")} line={t("newsletters.unsubscribe.doneLine")} /> },
      { cache: false },
    );
  });

  // RFC 8058: mail clients post `List-Unsubscribe=One-Click` here, without cookies: the token is the proof.
  app.post("/:lang/newsletters/unsubscribe/:token", { schema: { hide: true, params: TokenParam }, config: { ...formLimit, secretInPath: true } }, async (request, reply) => {
    const { lang, token } = request.params;
    await newsletters.unsubscribe(request.actor, db, token);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("newsletters.unsubscribe.done"), body: <DonePage title={t("newsletters.unsubscribe.done")} line={t("newsletters.unsubscribe.doneLine")} /> }),
      { cache: false },
    );
  });

  app.get("/:lang/newsletters/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const issue = await newsletters.getArchivedIssue(request.actor, db, idOf(request.params.id), lang);
    return app.pages.send(request, reply, lang, () => ({ title: issue.subject, body: <IssuePage issue={issue} /> }));
  });

  // --- The back office ----------------------------------------------------------------------------------

  app.get("/:lang/admin/newsletters", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const list = await newsletters.listIssuesForAdmin(request.actor, db, pageOf(request.query), ADMIN_PAGE_SIZE);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("newsletters.admin.title"), body: <IssuesAdminPage list={list} /> }), { cache: false });
  });

  const newPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: { input: IssueFormInput; problems?: FieldProblem[]; status?: number }) =>
    app.pages.send(request, reply, lang, ({ t }) => ({ title: t("newsletters.admin.newTitle"), body: <NewIssuePage input={props.input} problems={props.problems ?? []} /> }), {
      status: props.status ?? 200,
      cache: false,
    });

  app.get("/:lang/admin/newsletters/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    newsletters.authorizeAdministerNewsletters(request.actor);
    return newPage(request, reply, request.params.lang, { input: {} });
  });

  app.post("/:lang/admin/newsletters", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    newsletters.authorizeAdministerNewsletters(request.actor);
    return submitForm(request.body, reply, {
      fields: issueFormNames(request.body),
      save: async (input) => {
        const row = await newsletters.createIssue(request.actor, db, issueFromForm(input));
        return `/${lang}/admin/newsletters/${row.id}?done=created`;
      },
      show: ({ input, problems, status }) => newPage(request, reply, lang, { input, problems, status }),
    });
  });

  const issuePage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, id: number, props: { input?: IssueFormInput; problems?: FieldProblem[]; status?: number }) => {
    const found = await newsletters.getIssueForAdmin(request.actor, db, id);
    const stored: IssueFormInput = { ...formValuesOf("subject", found.issue.subject), ...formValuesOf("intro", found.issue.intro) };
    for (const topic of found.issue.topics) stored[`topics.${topic}`] = "yes";
    return app.pages.send(
      request,
      reply,
      lang,
      () => ({
        title: found.issue.subject.values[lang]?.text ?? `#${id}`,
        body: <IssueAdminPage {...found} input={props.input ?? stored} problems={props.problems ?? []} notice={notice(request.query, lang)} />,
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/newsletters/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    newsletters.authorizeAdministerNewsletters(request.actor);
    return issuePage(request, reply, request.params.lang, idOf(request.params.id), {});
  });

  app.post("/:lang/admin/newsletters/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    newsletters.authorizeAdministerNewsletters(request.actor);
    const id = idOf(request.params.id);
    return submitForm(request.body, reply, {
      fields: issueFormNames(request.body),
      save: async (input) => {
        await newsletters.updateIssue(request.actor, db, id, issueFromForm(input), { recompose: input.recompose === "yes" });
        return `/${lang}/admin/newsletters/${id}?done=saved`;
      },
      show: ({ input, problems, status }) => issuePage(request, reply, lang, id, { input, problems, status }),
    });
  });

  app.get("/:lang/admin/newsletters/:id/preview", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    newsletters.authorizeAdministerNewsletters(request.actor);
    const id = idOf(request.params.id);
    const wanted = formFields(request.query, ["in"]).in;
    const shownIn: Lang = isLang(wanted) ? wanted : lang;
    const { issue } = await newsletters.getIssueForAdmin(request.actor, db, id);
    const rendered = await newsletters.previewIssue(request.actor, db, config, id, shownIn);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("newsletters.admin.preview"), body: <PreviewPage issue={issue} rendered={rendered} shownIn={shownIn} /> }), {
      cache: false,
    });
  });

  const action = (path: "test" | "send", run: (request: FastifyRequest, id: number, input: Record<string, string>) => Promise<unknown>, done: string) =>
    app.post(`/:lang/admin/newsletters/:id/${path}`, { schema: { hide: true, params: IdParam } }, async (request, reply) => {
      const { lang } = request.params;
      newsletters.authorizeAdministerNewsletters(request.actor);
      const id = idOf(request.params.id);
      return submitForm(request.body, reply, {
        fields: ["lang"],
        save: async (input) => {
          await run(request, id, input);
          return `/${lang}/admin/newsletters/${id}?done=${done}`;
        },
        show: ({ problems, status }) => issuePage(request, reply, lang, id, { problems, status }),
      });
    });
  action("test", (request, id, input) => newsletters.sendTest(request.actor, db, config, id, input), "tested");
  action("send", (request, id, input) => newsletters.startSending(request.actor, db, config, id, input), "sending");
}
