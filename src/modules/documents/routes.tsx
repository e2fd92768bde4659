import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError, type FieldProblem, notFound } from "../../errors.js";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { submitForm } from "../../http/edit-form.js";
import { readUpload, sendStoredFile } from "../../http/uploads.js";
import { FILE_KINDS, type FileKind, fileStore } from "../../files/index.js";
import { formFields } from "../../http/forms.js";
import { relatedSections } from "../../http/related.js";
import { check } from "../../http/validation.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, formValuesOf, postedTextFields } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { documentsCollection } from "./collection.js";
import { type DocumentFormInput, DocumentFormPage, DocumentsAdminPage, UploadForm } from "./pages/AdminPages.js";
import { DocumentPage, NotASymbolPage, NotInRegistryPage } from "./pages/DocumentPage.js";
import { DocumentsPage } from "./pages/DocumentsPage.js";
import { documentPath } from "./present.js";
import { DocumentDetail, DocumentsAdminFilter } from "./schema.js";
import * as documents from "./service.js";
import { readSymbol } from "./symbol.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
/** `/…/documents/INF/MSME/W/35/Corr.1`: the symbol is the rest of the path, slashes and all. */
const SymbolPath = LangParam.extend({ "*": z.string().max(400) });

const PAGE_SIZE = 50;

/** The upload form's other field: which language the file is. */
const UploadFields = z.object({ version: z.enum(LANGS) });
const ADMIN_PAGE_SIZE = 25;

/** `?done=…` after a POST → redirect: which notice to show (anything else shows none). */
const NOTICES = { saved: "documents.admin.saved", created: "documents.admin.created", verified: "verified.done", uploaded: "documents.admin.uploaded" } as const;
const notice = (query: unknown, lang: Lang): string | undefined => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

const FORM_FIELDS = ["symbol", "kind", "date", "title_verified", "restriction", "restricted_until", "revises", "source"] as const;
const formNames = (body: unknown): string[] => [...FORM_FIELDS, ...postedTextFields("title", body)];

/** The form as the service takes it: empty dates mean none; the title's controls make one edit. */
function fromForm(input: DocumentFormInput, creating: boolean): Record<string, unknown> {
  const text = (name: string) => input[name] ?? "";
  return {
    symbol: text("symbol"),
    kind: text("kind"),
    date: text("date") === "" ? null : text("date"),
    title: editFromForm("title", input as Record<string, string>),
    title_verified: text("title_verified") !== "",
    restriction: text("restriction"),
    restricted_until: text("restricted_until") === "" ? null : text("restricted_until"),
    // A new document names what it revises, or leaves it to its symbol (W/35/Corr.1 → W/35).
    revises: text("revises") === "" ? (creating ? undefined : null) : text("revises"),
    source: text("source"),
  };
}

export function documentsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  registerCollection(app, ctx, documentsCollection);

  app.get(
    "/api/v1/documents/*",
    {
      schema: {
        tags: ["documents"],
        summary: "One document with its language versions and its revision chain; the symbol is the rest of the path, slashes kept",
        params: z.object({ "*": z.string().max(400).meta({ example: "INF/MSME/W/35/Corr.1" }) }),
        querystring: z.object({ lang: z.enum(LANGS).default("en") }).strict(),
        response: { 200: DocumentDetail },
      },
    },
    async (request) => documents.getDocument(request.actor, db, request.params["*"], request.query.lang),
  );

  app.get("/:lang/documents", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(documentsCollection, request.query, ["symbol", "prefix", "kind", "year", "q"]);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("documents.title"), body: <DocumentsPage input={input} query={links} problems={parsed.problems} /> };
        const { page, ...filter } = parsed.value;
        const list = await documents.listDocuments(request.actor, db, { ...filter, lang, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
        return {
          title: t("documents.title"),
          description: t("documents.navDescription"),
          body: <DocumentsPage input={input} query={links} problems={[]} result={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["symbol", "prefix", "kind", "year", "q", "page"] },
    );
  });

  const store = fileStore(ctx.config);

  /** One language version of a document, as an attachment with its name (a restricted one kept private). */
  const sendVersion = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, typed: string, version: Lang) => {
    const read = readSymbol(typed);
    if (!read.ok) throw notFound();
    if (typed !== read.symbol.filedAs) return reply.redirect(`/${lang}/documents/${read.symbol.path}/files/${version}`, 301);
    const { file, restricted } = await documents.fileOf(request.actor, db, read.symbol.filedAs, version);
    const kind = (Object.keys(FILE_KINDS) as FileKind[]).find((k) => FILE_KINDS[k].mime === file.type);
    if (!kind) throw notFound();
    return sendStoredFile(request, reply, store, {
      key: file.storage_key,
      name: file.name,
      kind,
      sha256: file.sha256,
      disposition: "attachment",
      cache: restricted ? "private" : "public",
    });
  };

  app.get("/:lang/documents/*", { schema: { hide: true, params: SymbolPath } }, async (request, reply) => {
    const { lang } = request.params;
    const typed = request.params["*"];
    const version = /^(.+)\/files\/(en|fr|es)$/.exec(typed);
    if (version?.[1] && version[2]) return sendVersion(request, reply, lang, version[1], version[2] as Lang);
    const read = readSymbol(typed);
    if (!read.ok) {
      return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("documents.invalid.title"), body: <NotASymbolPage text={typed} problem={read.problem} /> }), { status: 404 });
    }
    // A joint symbol's page is its first part's; any other spelling is sent to the canonical address.
    const canonical = read.symbol.filedAs;
    if (typed !== canonical) return reply.redirect(`/${lang}/documents/${read.symbol.path}`, 301);
    let document: DocumentDetail;
    try {
      document = await documents.getDocument(request.actor, db, canonical, lang);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 404) throw error;
      return app.pages.send(
        request,
        reply,
        lang,
        ({ t }) => ({ title: t("documents.missing.title", { symbol: read.symbol.canonical }), body: <NotInRegistryPage symbol={read.symbol.canonical} parts={read.symbol.parts} /> }),
        { status: 404 },
      );
    }
    return app.pages.send(request, reply, lang, async ({ t }) => ({
      title: document.title ? `${document.symbol}: ${document.title}` : document.symbol,
      description: document.title ?? undefined,
      body: <DocumentPage document={document} related={await relatedSections(ctx, { on: "document", id: document.symbol, actor: request.actor, lang, t })} />,
    }));
  });

  // --- The back office: the Secretariat's registry --------------------------------------------------

  app.get("/:lang/admin/documents", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const input = formFields(request.query, ["prefix", "q"]);
    const raw = request.query as Record<string, unknown>;
    const given = Object.fromEntries(Object.entries({ prefix: input.prefix, q: input.q, page: raw.page }).filter(([, v]) => v !== "" && v !== undefined));
    const parsed = check(DocumentsAdminFilter, given);
    const filter = parsed.ok ? parsed.value : { page: 1 };
    const list = await documents.listDocumentsForAdmin(request.actor, db, { lang, prefix: filter.prefix, q: filter.q, page: filter.page, pageSize: ADMIN_PAGE_SIZE });
    const query = new URLSearchParams(Object.entries(input).filter(([, v]) => v !== ""));
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("documents.admin.title"), body: <DocumentsAdminPage list={list} input={input} query={query} /> }), { cache: false });
  });

  const newPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: { input: DocumentFormInput; problems?: FieldProblem[]; status?: number }) => {
    documents.authorizeAdministration(request.actor);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("documents.admin.newTitle"), body: <DocumentFormPage input={props.input} problems={props.problems ?? []} /> }),
      { status: props.status ?? 200, cache: false },
    );
  };

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    symbol: string,
    props: { input?: DocumentFormInput; problems?: FieldProblem[]; status?: number; notice?: string; upload?: { input: DocumentFormInput; problems: FieldProblem[] } },
  ) => {
    // Asks first who is asking: the public is sent to sign in, anyone but the Secretariat gets 403.
    const { id, row, files } = await documents.getDocumentForEdit(request.actor, db, symbol);
    const history = await historyOf(db, { entity: "document", entityId: String(id) }, historyPageOf(request.query));
    const stored: DocumentFormInput = {
      symbol: row.symbol,
      kind: row.kind,
      date: row.date ?? "",
      title_verified: row.title_verified ? "yes" : "",
      restriction: row.restriction,
      restricted_until: row.restricted_until ?? "",
      revises: row.revises_symbol ?? "",
      source: row.source,
      ...formValuesOf("title", row.title),
    };
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("documents.admin.editTitle", { symbol: row.symbol }),
        body: (
          <DocumentFormPage
            document={{ symbol: row.symbol, verifiedOn: row.verified_on, verifiedBy: row.verified_by, files }}
            title={row.title}
            input={props.input ?? stored}
            problems={props.problems ?? []}
            history={history}
            notice={props.notice}
            uploads={<UploadForm document={row} files={files} input={props.upload?.input ?? {}} problems={props.upload?.problems ?? []} />}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/documents/new", { schema: { hide: true, params: LangParam } }, async (request, reply) =>
    newPage(request, reply, request.params.lang, { input: { kind: "working_document", restriction: "public" } }),
  );

  app.post("/:lang/admin/documents", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    // Only the Secretariat may add a document: refuse anyone else before reading the form.
    documents.authorizeAdministration(request.actor);
    return submitForm(request.body, reply, {
      fields: formNames(request.body),
      save: async (input) => {
        const { symbol } = await documents.createDocument(request.actor, db, fromForm(input, true));
        return `/${lang}/admin${documentPath(symbol)}?done=created`;
      },
      show: ({ input, problems, status }) => newPage(request, reply, lang, { input, problems, status }),
    });
  });

  app.get("/:lang/admin/documents/*", { schema: { hide: true, params: SymbolPath } }, async (request, reply) => {
    const { lang } = request.params;
    const typed = request.params["*"];
    const read = readSymbol(typed);
    documents.authorizeAdministration(request.actor);
    if (!read.ok) throw notFound();
    if (typed !== read.symbol.filedAs) return reply.redirect(`/${lang}/admin/documents/${read.symbol.path}`, 301);
    return editPage(request, reply, lang, read.symbol.filedAs, { notice: notice(request.query, lang) });
  });

  /** A language version (PDF or DOCX) for the document whose symbol is the rest of the path. */
  app.uploads.post("/:lang/admin/documents/files/*", { schema: { hide: true, params: SymbolPath } }, async (request, reply) => {
    const { lang } = request.params;
    // Who may upload comes first: nothing of the file is read for anyone else.
    documents.authorizeUpload(request.actor);
    const read = readSymbol(request.params["*"]);
    if (!read.ok) throw notFound();
    const symbol = read.symbol.filedAs;
    await documents.getDocumentForEdit(request.actor, db, symbol);
    const upload = await readUpload(request, { allow: ["pdf", "docx"], fields: UploadFields });
    if (!upload.ok) return editPage(request, reply, lang, symbol, { status: upload.status, upload: { input: upload.input, problems: upload.problems } });
    if (!upload.file) throw new Error("an upload without its file was accepted");
    const stored = await upload.file.keep(store);
    let replaced: string | null;
    try {
      ({ replaced } = await documents.attachFile(request.actor, db, symbol, upload.fields.version, { key: stored.key, name: upload.file.name, type: upload.file.mime, size: stored.size, sha256: stored.sha256 }));
    } catch (error) {
      // Nothing recorded, nothing kept.
      await store.delete(stored.key);
      throw error;
    }
    if (replaced) await store.delete(replaced);
    return reply.redirect(`/${lang}/admin/documents/${read.symbol.path}?done=uploaded#files-title`, 303);
  });

  /** The edit form's post, or `…/verify`: the symbol is the rest of the path. */
  app.post("/:lang/admin/documents/*", { schema: { hide: true, params: SymbolPath } }, async (request, reply) => {
    const { lang } = request.params;
    const path = request.params["*"];
    const verify = path.endsWith("/verify");
    const symbol = verify ? path.slice(0, -"/verify".length) : path;
    // Who may change the registry comes first; an unknown symbol is a 404 after that.
    const { row } = await documents.getDocumentForEdit(request.actor, db, symbol);
    if (verify) {
      await documents.verifyDocument(request.actor, db, row.symbol);
      return reply.redirect(`/${lang}/admin${documentPath(row.symbol)}?done=verified`, 303);
    }
    return submitForm(request.body, reply, {
      fields: formNames(request.body),
      save: async (input) => {
        const saved = await documents.updateDocument(request.actor, db, row.symbol, fromForm(input, false));
        return `/${lang}/admin${documentPath(saved.symbol)}?done=saved`;
      },
      show: ({ input, problems, status }) => editPage(request, reply, lang, row.symbol, { input, problems, status }),
    });
  });
}
