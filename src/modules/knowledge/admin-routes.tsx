import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { submitForm } from "../../http/edit-form.js";
import { formFields } from "../../http/forms.js";
import { AppError, type FieldProblem } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, formValuesOf, postedTextFields, statusOf, type TextEdit } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { renderMarkdown } from "../../ui/markdown.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { wordDiff } from "./diff.js";
import { getItemForEdit, itemTranslationOf, listItems, released, SECTIONS, type Section, KINDS as ITEM_KINDS, saveItem, saveItemTranslation, verifyItem } from "./items.js";
import { type FormInput, GuideFormPage, GuidesAdminPage, ItemFormPage, ItemsAdminPage, type PreviewEntry, PreviewSection, TranslationEditorPage, TranslationQueuePage } from "./pages/AdminPages.js";
import { GuidePage } from "./pages/PublicPages.js";
import { splitGuide } from "./present.js";
import { guideView } from "./guide-view.js";
import { GuideBody, Slug } from "./schema.js";
import { maxLengthOf } from "../../ui/limits.js";
import * as knowledge from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const SlugParam = LangParam.extend({ slug: Slug });
const TargetParam = SlugParam.extend({ target: z.enum(LANGS) });
const ADMIN_PAGE_SIZE = 50;

const FIELDS = ["slug", "audience", "track", "steps", "status", "owner", "topics", "tools", "glossary", "related", "sources"] as const;

const NOTICES = { saved: "knowledge.admin.saved", created: "knowledge.admin.created", verified: "verified.done", translated: "knowledge.admin.translated" } as const;
const notice = (query: unknown, lang: Lang): string | undefined => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

/** A form's fields as the service takes them, and the body's per-language controls as one edit. */
function fromForm(input: Record<string, string>): { fields: Record<string, unknown>; body: TextEdit } {
  const fields: Record<string, unknown> = {};
  for (const name of FIELDS) if (input[name] !== undefined && (name !== "slug" || input.slug !== "")) fields[name] = input[name];
  if (fields.steps === "") delete fields.steps;
  return { fields, body: editFromForm("body", input) as TextEdit };
}

export function adminRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;

  app.get("/:lang/admin/guides", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const page = Math.min(1000, Math.max(1, Number.parseInt(formFields(request.query, ["page"]).page, 10) || 1));
    const list = await knowledge.listEditableGuides(request.actor, db, { lang, page, pageSize: ADMIN_PAGE_SIZE });
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("knowledge.admin.guidesTitle"), body: <GuidesAdminPage list={list} mayCreate={knowledge.mayCreateGuide(request.actor)} notice={notice(request.query, lang)} /> }),
      { cache: false },
    );
  });

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    slug: string | null,
    props: { input?: FormInput; problems?: FieldProblem[]; status?: number; notice?: string; preview?: boolean },
  ) => {
    const owners = await knowledge.ownerChoices(request.actor, db, lang);
    const edit = slug === null ? null : await knowledge.getGuideForEdit(request.actor, db, slug);
    const history = slug === null ? undefined : await historyOf(db, { entity: "guide", entityId: slug }, historyPageOf(request.query));
    const guide = edit ? await knowledge.guideForEdit(db, edit.row, lang) : undefined;
    const stored: FormInput = edit
      ? {
          ...formValuesOf("body", edit.row.body),
          audience: edit.row.audience,
          track: edit.row.track ?? "",
          steps: edit.row.steps ? "yes" : "",
          status: edit.row.status,
          owner: edit.row.owner_org ?? "secretariat",
          topics: edit.links.topics.join(" "),
          tools: edit.links.tools.join(" "),
          glossary: edit.links.glossary.join(" "),
          related: edit.links.related.join(" "),
          sources: edit.row.sources.map((s) => `${s.label} | ${s.url}`).join("\n"),
        }
      : { audience: "business", track: "goods", status: "draft", owner: owners[0]?.value ?? "secretariat" };
    const input = props.input ?? stored;
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t, origin }) => {
        const preview = props.preview
          ? LANGS.flatMap((l) => {
              const text = input[`body.${l}.text`] ?? "";
              if (text.trim() === "") return [];
              const parts = splitGuide(text);
              return [{ lang: l, title: parts.title, html: renderMarkdown(parts.rest, { externalLabel: t("knowledge.externalSite"), origin: origin || undefined }).html }];
            })
          : undefined;
        return {
          title: guide ? t("knowledge.admin.editTitle", { title: guide.title }) : t("knowledge.admin.newGuide"),
          body: (
            <GuideFormPage
              guide={guide}
              body={edit?.row.body}
              input={input}
              problems={props.problems ?? []}
              owners={owners}
              history={history}
              notice={props.notice}
              preview={preview}
            />
          ),
        };
      },
      { status: props.status ?? 200, cache: false },
    );
  };

  const post = (request: FastifyRequest, reply: FastifyReply, lang: Lang, slug: string | null) => {
    const fields = [...FIELDS, ...postedTextFields("body", request.body)];
    // "Preview": the typed Markdown rendered below the form, nothing saved, everything kept.
    if (formFields(request.body, ["action"]).action === "preview") return formPage(request, reply, lang, slug, { input: formFields(request.body, fields), preview: true });
    return submitForm(request.body, reply, {
      fields,
      save: async (input) => {
        const { fields: values, body } = fromForm(input);
        const saved = await knowledge.saveGuide(request.actor, db, slug, values, body);
        return `/${lang}/admin/guides/${saved.slug}?done=${slug === null ? "created" : "saved"}`;
      },
      show: ({ input, problems, status }) => formPage(request, reply, lang, slug, { input, problems, status }),
    });
  };

  app.get("/:lang/admin/guides/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    knowledge.authorizeCreate(request.actor);
    return formPage(request, reply, request.params.lang, null, {});
  });

  app.post("/:lang/admin/guides", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    knowledge.authorizeCreate(request.actor);
    return post(request, reply, request.params.lang, null);
  });

  app.get("/:lang/admin/guides/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    return formPage(request, reply, lang, slug, { notice: notice(request.query, lang) });
  });

  app.post("/:lang/admin/guides/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    // Who may edit comes before the form is read: another organization's partner gets 404.
    await knowledge.getGuideForEdit(request.actor, db, slug);
    return post(request, reply, lang, slug);
  });

  app.get("/:lang/admin/guides/:slug/preview", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    const page = await knowledge.previewGuide(request.actor, db, slug, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t, origin }) => ({
        title: t("knowledge.admin.previewOf", { title: page.shown.title }),
        body: (
          <>
            <p class="notice" role="status">
              {t("knowledge.admin.previewBanner")} <a href={`/${lang}/admin/guides/${slug}`}>{t("knowledge.admin.editGuide")}</a>
            </p>
            <GuidePage view={guideView(page, lang, t, origin)} />
          </>
        ),
      }),
      { cache: false },
    );
  });

  app.post("/:lang/admin/guides/:slug/verify", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    await knowledge.verifyGuide(request.actor, db, slug);
    return reply.redirect(`/${lang}/admin/guides/${slug}?done=verified`, 303);
  });

  // --- Translations --------------------------------------------------------------------------------

  app.get("/:lang/admin/translations", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const input = formFields(request.query, ["language", "owner"]);
    const language = (LANGS as readonly string[]).includes(input.language) ? (input.language as Lang) : undefined;
    const owner = /^[a-z][a-z0-9-]{1,30}$/.test(input.owner) ? input.owner : undefined;
    const entries = await knowledge.translationQueue(request.actor, db, { lang, language, owner });
    const owners = await knowledge.ownerChoices(request.actor, db, lang);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("knowledge.admin.queueTitle"), body: <TranslationQueuePage entries={entries} input={input} owners={owners} /> }), { cache: false });
  });

  const translationPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, slug: string, target: Lang, props: { input?: FormInput; problems?: FieldProblem[]; status?: number; notice?: string }) => {
    const work = await knowledge.translationOf(request.actor, db, slug, target);
    const title = (await knowledge.guideForEdit(db, work.row, lang)).title;
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("knowledge.admin.translateTitle", { title, language: t(`content.languages.${target}`) }),
        body: (
          <TranslationEditorPage
            title={title}
            action={`/${lang}/admin/translations/guide/${slug}/${target}`}
            editPath={`/admin/guides/${slug}`}
            editLabel={t("knowledge.admin.editGuide")}
            target={target}
            source={work.source}
            texts={[
              {
                field: "text",
                matchesField: "still_matches",
                sourceText: work.sourceText,
                status: work.status,
                diff: work.basis === null ? null : wordDiff(work.basis, work.sourceText),
                max: maxLengthOf(GuideBody.text),
                rows: 24,
              },
            ]}
            input={props.input ?? { text: work.translation, draft: work.row.body.values[target]?.draft ? "yes" : "" }}
            problems={props.problems ?? []}
            notice={props.notice}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/translations/guide/:slug/:target", { schema: { hide: true, params: TargetParam } }, async (request, reply) => {
    const { lang, slug, target } = request.params;
    return translationPage(request, reply, lang, slug, target, { notice: notice(request.query, lang) });
  });

  // The box is not named `matches`: a form control of that name hides the form's own matches() from scripts.
  app.post("/:lang/admin/translations/guide/:slug/:target", { schema: { hide: true, params: TargetParam } }, async (request, reply) => {
    const { lang, slug, target } = request.params;
    await knowledge.translationOf(request.actor, db, slug, target);
    return submitForm(request.body, reply, {
      fields: ["text", "still_matches", "draft"],
      save: async (input) => {
        try {
          await knowledge.saveTranslation(request.actor, db, slug, target, { text: input.text, matches: input.still_matches !== "", draft: input.draft !== "" });
        } catch (error) {
          // The body's problems name `body.fr.text`: this form has one text field.
          if (error instanceof AppError) throw new AppError(error.status, error.code, error.messageKey, error.fields.map((p) => ({ ...p, field: p.field.startsWith("body.") ? "text" : p.field })));
          throw error;
        }
        return `/${lang}/admin/translations/guide/${slug}/${target}?done=translated`;
      },
      show: ({ input, problems, status }) => translationPage(request, reply, lang, slug, target, { input, problems, status }),
    });
  });

  // --- Topics, glossary terms, tools ------------------------------------------------------------------

  for (const section of SECTIONS) itemRoutes(app, ctx, section);
}

const ENTITY_OF: Record<Section, string> = { topics: "topic", glossary: "glossary_term", tools: "tool" };

function itemRoutes(app: App, ctx: AppContext, section: Section) {
  const { db } = ctx;
  const kind = ITEM_KINDS[section];
  const textFields = (body: unknown) => kind.texts.flatMap((t) => postedTextFields(t.name, body));
  const fieldsOf = (body: unknown) => ["slug", "owner", "status", ...kind.fields, ...textFields(body)];

  app.get(`/:lang/admin/${section}`, { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const page = Math.min(1000, Math.max(1, Number.parseInt(formFields(request.query, ["page"]).page, 10) || 1));
    const list = await listItems(request.actor, db, section, lang, page, ADMIN_PAGE_SIZE);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t(`knowledge.admin.sections.${section}`), body: <ItemsAdminPage section={section} list={list} notice={notice(request.query, lang)} /> }), { cache: false });
  });

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    slug: string | null,
    props: { input?: FormInput; problems?: FieldProblem[]; status?: number; notice?: string; preview?: boolean },
  ) => {
    const owners = await knowledge.ownerChoices(request.actor, db, lang);
    const item = slug === null ? undefined : await getItemForEdit(request.actor, db, section, slug, lang);
    const history = slug === null ? undefined : await historyOf(db, { entity: ENTITY_OF[section], entityId: slug }, historyPageOf(request.query));
    const stored: FormInput = item
      ? { ...item.values, ...Object.assign({}, ...kind.texts.map((t) => formValuesOf(t.name, item.texts[t.name] ?? { values: {} }))) }
      : { owner: owners[0]?.value ?? "secretariat", status: "draft" };
    const input = props.input ?? stored;
    const source = item?.texts[kind.texts[0]?.name ?? ""]?.source;
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: item ? t("knowledge.admin.editTitle", { title: item.name }) : t(`knowledge.admin.new.${section}`),
        body: (
          <ItemFormPage
            section={section}
            item={item}
            input={input}
            problems={props.problems ?? []}
            owners={owners}
            notice={props.notice}
            history={history}
            preview={props.preview ? itemPreview(kind.texts, (name, l) => input[`${name}.${l}.text`] ?? "") : undefined}
            translations={source ? LANGS.filter((l) => l !== source) : []}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  const post = (request: FastifyRequest, reply: FastifyReply, lang: Lang, slug: string | null) => {
    // "Preview": the typed texts shown as readers would see them, nothing saved, everything kept.
    if (formFields(request.body, ["action"]).action === "preview") return formPage(request, reply, lang, slug, { input: formFields(request.body, fieldsOf(request.body)), preview: true });
    return submitForm(request.body, reply, {
      fields: fieldsOf(request.body),
      save: async (input) => {
        const plain: Record<string, unknown> = {};
        for (const f of ["slug", "owner", "status", ...kind.fields]) if (input[f] !== undefined) plain[f] = input[f];
        if (slug !== null) delete plain.slug;
        const edits = Object.fromEntries(kind.texts.map((t) => [t.name, editFromForm(t.name, input) as TextEdit]));
        const saved = await saveItem(request.actor, db, section, slug, plain, edits);
        return `/${lang}/admin/${section}/${saved}?done=${slug === null ? "created" : "saved"}`;
      },
      show: ({ input, problems, status }) => formPage(request, reply, lang, slug, { input, problems, status }),
    });
  };

  // The saved version, drafts included, as its editors may see it.
  app.get(`/:lang/admin/${section}/:slug/preview`, { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    const item = await getItemForEdit(request.actor, db, section, slug, lang);
    const shown = (name: string, l: Lang) => released(item.texts[name]).values[l]?.text ?? "";
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("knowledge.admin.previewOf", { title: item.name }),
        body: (
          <>
            <p class="notice" role="status">
              {t("knowledge.admin.previewBanner")} <a href={`/${lang}/admin/${section}/${slug}`}>{t("knowledge.admin.editItem")}</a>
            </p>
            <h1>{t("knowledge.admin.previewOf", { title: item.name })}</h1>
            <PreviewSection preview={itemPreview(kind.texts, shown)} hint={false} />
          </>
        ),
      }),
      { cache: false },
    );
  });

  // The side-by-side editor of one translation, as guides have it.
  const translationPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, slug: string, target: Lang, props: { input?: FormInput; problems?: FieldProblem[]; status?: number; notice?: string }) => {
    const work = await itemTranslationOf(request.actor, db, section, slug, target);
    const sourceOf = (name: string) => work.texts[name]?.values[work.source]?.text ?? "";
    const stored: FormInput = { draft: kind.texts.some((x) => work.texts[x.name]?.values[target]?.draft) ? "yes" : "" };
    for (const x of kind.texts) stored[x.name] = work.texts[x.name]?.values[target]?.text ?? "";
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("knowledge.admin.translateTitle", { title: work.view.name, language: t(`content.languages.${target}`) }),
        body: (
          <TranslationEditorPage
            title={work.view.name}
            action={`/${lang}/admin/translations/${kind.queue}/${slug}/${target}`}
            editPath={`/admin/${section}/${slug}`}
            editLabel={t("knowledge.admin.editItem")}
            target={target}
            source={work.source}
            texts={kind.texts.map((x) => {
              const basis = work.basis[x.name]?.[target];
              return {
                field: x.name,
                matchesField: `${x.name}_still_matches`,
                label: t(`knowledge.admin.fields.${x.name}`),
                sourceText: sourceOf(x.name),
                status: statusOf(work.texts[x.name] ?? { values: {} }, target),
                diff: basis === undefined ? null : wordDiff(basis, sourceOf(x.name)),
                max: maxLengthOf(x.schema.text),
                rows: x === kind.texts[0] ? 2 : 8,
              };
            })}
            input={props.input ?? stored}
            problems={props.problems ?? []}
            notice={props.notice}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get(`/:lang/admin/translations/${kind.queue}/:slug/:target`, { schema: { hide: true, params: TargetParam } }, async (request, reply) => {
    const { lang, slug, target } = request.params;
    return translationPage(request, reply, lang, slug, target, { notice: notice(request.query, lang) });
  });

  app.post(`/:lang/admin/translations/${kind.queue}/:slug/:target`, { schema: { hide: true, params: TargetParam } }, async (request, reply) => {
    const { lang, slug, target } = request.params;
    await itemTranslationOf(request.actor, db, section, slug, target);
    return submitForm(request.body, reply, {
      fields: [...kind.texts.flatMap((x) => [x.name, `${x.name}_still_matches`]), "draft"],
      save: async (input) => {
        const edits = Object.fromEntries(kind.texts.map((x) => [x.name, { text: input[x.name] ?? "", matches: (input[`${x.name}_still_matches`] ?? "") !== "", draft: input.draft !== "" }]));
        try {
          await saveItemTranslation(request.actor, db, section, slug, target, edits);
        } catch (error) {
          // The texts' problems name `definition.fr.text`: this form has one field per text.
          if (error instanceof AppError) throw new AppError(error.status, error.code, error.messageKey, error.fields.map((p) => ({ ...p, field: kind.texts.find((x) => p.field.startsWith(`${x.name}.`))?.name ?? p.field })));
          throw error;
        }
        return `/${lang}/admin/translations/${kind.queue}/${slug}/${target}?done=translated`;
      },
      show: ({ input, problems, status }) => translationPage(request, reply, lang, slug, target, { input, problems, status }),
    });
  });

  app.get(`/:lang/admin/${section}/new`, { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    knowledge.authorizeCreate(request.actor);
    return formPage(request, reply, request.params.lang, null, {});
  });
  app.post(`/:lang/admin/${section}`, { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    knowledge.authorizeCreate(request.actor);
    return post(request, reply, request.params.lang, null);
  });
  app.get(`/:lang/admin/${section}/:slug`, { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    return formPage(request, reply, lang, slug, { notice: notice(request.query, lang) });
  });
  app.post(`/:lang/admin/${section}/:slug`, { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    await getItemForEdit(request.actor, db, section, slug, lang);
    return post(request, reply, lang, slug);
  });
  app.post(`/:lang/admin/${section}/:slug/verify`, { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    await verifyItem(request.actor, db, section, slug);
    return reply.redirect(`/${lang}/admin/${section}/${slug}?done=verified`, 303);
  });
}

/**
 * A topic's, term's or tool's preview: per language with a name, the name and what it says, as
 * plain text (these texts are not Markdown), from the form as typed or the row as saved.
 */
function itemPreview(texts: readonly { name: string }[], textOf: (name: string, lang: Lang) => string): PreviewEntry[] {
  const [first, second] = texts;
  if (!first) return [];
  return LANGS.flatMap((l) => {
    const title = textOf(first.name, l).trim();
    return title === "" ? [] : [{ lang: l, title, text: second ? textOf(second.name, l).trim() : "" }];
  });
}
