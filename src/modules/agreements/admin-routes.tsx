import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldProblem } from "../../errors.js";
import { submitForm } from "../../http/edit-form.js";
import { doneNotice, formFields } from "../../http/forms.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyPageOf } from "../audit/service.js";
import { fileStore, isFileKey } from "../../files/index.js";
import { readUpload } from "../../http/uploads.js";
import { CodedAgreementsPage, CodingPage, ImportPage, PROVISION_FIELDS, ProvisionPage, provisionInput } from "./pages/AdminPages.js";
import * as agreements from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const Id = z.coerce.number().int().min(1).max(2_000_000_000);
const AgreementParams = LangParam.extend({ rtaId: Id });
const ProvisionParams = AgreementParams.extend({ id: Id });
const NOTICES = ["created", "saved", "verified", "removed"] as const;

/** The Secretariat's coding of MSME provisions, agreement by agreement. */
export function agreementsAdminRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;

  app.get("/:lang/admin/agreements", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    agreements.authorizeCoding(request.actor);
    const input = formFields(request.query, ["rta", "page"]);
    // "Open an agreement by its ID" is a GET form: a valid ID goes to its coding screen.
    let problems: FieldProblem[] = [];
    if (input.rta) {
      const id = /^\d{1,10}$/.test(input.rta.trim()) ? Number(input.rta.trim()) : Number.NaN;
      if (Number.isInteger(id) && id > 0 && (await agreements.findAgreementForCoding(request.actor, db, id))) return reply.redirect(`/${lang}/admin/agreements/${id}`, 303);
      problems = [{ field: "rta", message: "agreements.admin.noSuchAgreement" }];
    }
    const page = /^\d{1,5}$/.test(input.page) ? Math.max(1, Number(input.page)) : 1;
    const list = await agreements.codedAgreements(request.actor, db, page);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("agreements.admin.title"), body: <CodedAgreementsPage list={list} page={page} input={input} problems={problems} /> }), {
      status: problems.length ? 400 : 200,
      cache: false,
    });
  });

  const codingPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, rtaId: number, kept?: { input: Record<string, string>; problems: FieldProblem[]; status: number }) => {
    const coding = await agreements.getCoding(request.actor, db, rtaId, lang, historyPageOf(request.query));
    const done = doneNotice(request.query, NOTICES);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("agreements.admin.codingTitle", { name: coding.agreement.name }),
        body: (
          <CodingPage
            agreement={coding.agreement}
            provisions={coding.provisions}
            history={coding.history}
            input={kept?.input ?? { category: "sme_chapter", articles_verified: "no" }}
            problems={kept?.problems ?? []}
            notice={done ? messages(lang)(`agreements.admin.done.${done}`) : undefined}
          />
        ),
      }),
      { status: kept?.status ?? 200, cache: false },
    );
  };

  // --- Importing the WTO export from the back office: upload, dry run, confirm ---------------------

  const store = fileStore(ctx.config);
  const importPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: Parameters<typeof ImportPage>[0], status = 200) =>
    app.pages.send(request, reply, lang, ({ t }) => ({ title: t("agreements.admin.import.title"), body: <ImportPage {...props} /> }), { status, cache: false });

  app.get("/:lang/admin/agreements/import", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    agreements.authorizeImport(request.actor);
    return importPage(request, reply, request.params.lang, { problems: [] });
  });

  // A route that takes a file lives in the uploads scope (multipart is read there only).
  app.uploads.post("/:lang/admin/agreements/import", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    agreements.authorizeImport(request.actor);
    const read = await readUpload(request, { allow: ["xlsx"], fields: z.object({}).passthrough() });
    if (!read.ok) return importPage(request, reply, lang, { problems: read.problems }, read.status);
    if (!read.file) return importPage(request, reply, lang, { problems: [{ field: "file", message: "uploads.missing" }] }, 400);
    const stored = await read.file.keep(store);
    try {
      const report = await agreements.importStoredExport(request.actor, db, store, stored.key, { dryRun: true });
      return importPage(request, reply, lang, { problems: [], report, fileKey: stored.key });
    } catch (error) {
      await store.delete(stored.key);
      const problems = (error as { status?: number; messageKey?: string }).status === 400 ? [{ field: "file", message: (error as { messageKey: string }).messageKey }] : undefined;
      if (!problems) throw error;
      return importPage(request, reply, lang, { problems }, 400);
    }
  });

  app.post("/:lang/admin/agreements/import/confirm", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    agreements.authorizeImport(request.actor);
    const { key } = formFields(request.body, ["key"]);
    if (!isFileKey(key) || !(await store.exists(key))) {
      return importPage(request, reply, lang, { problems: [{ field: "file", message: "agreements.admin.import.gone" }] }, 400);
    }
    const report = await agreements.importStoredExport(request.actor, db, store, key, { dryRun: false });
    await store.delete(key);
    return importPage(request, reply, lang, { problems: [], report, done: true });
  });

  app.get("/:lang/admin/agreements/:rtaId", { schema: { hide: true, params: AgreementParams } }, async (request, reply) =>
    codingPage(request, reply, request.params.lang, request.params.rtaId),
  );

  app.post("/:lang/admin/agreements/:rtaId/provisions", { schema: { hide: true, params: AgreementParams } }, async (request, reply) => {
    const { lang, rtaId } = request.params;
    agreements.authorizeCoding(request.actor);
    return submitForm(request.body, reply, {
      fields: PROVISION_FIELDS,
      save: async (input) => {
        await agreements.createProvision(request.actor, db, rtaId, input);
        return `/${lang}/admin/agreements/${rtaId}?done=created`;
      },
      show: (kept) => codingPage(request, reply, lang, rtaId, kept),
    });
  });

  const provisionPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, rtaId: number, id: number, kept?: { input: Record<string, string>; problems: FieldProblem[]; status: number }) => {
    const provision = await agreements.findProvisionForEdit(request.actor, db, rtaId, id);
    const coding = await agreements.getCoding(request.actor, db, rtaId, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("agreements.admin.editTitle", { name: coding.agreement.name }),
        body: <ProvisionPage agreement={coding.agreement} provision={provision} input={kept?.input ?? provisionInput(provision)} problems={kept?.problems ?? []} />,
      }),
      { status: kept?.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/agreements/:rtaId/provisions/:id", { schema: { hide: true, params: ProvisionParams } }, async (request, reply) =>
    provisionPage(request, reply, request.params.lang, request.params.rtaId, request.params.id),
  );

  app.post("/:lang/admin/agreements/:rtaId/provisions/:id", { schema: { hide: true, params: ProvisionParams } }, async (request, reply) => {
    const { lang, rtaId, id } = request.params;
    await agreements.findProvisionForEdit(request.actor, db, rtaId, id);
    return submitForm(request.body, reply, {
      fields: PROVISION_FIELDS,
      save: async (input) => {
        await agreements.updateProvision(request.actor, db, rtaId, id, input);
        return `/${lang}/admin/agreements/${rtaId}?done=saved`;
      },
      show: (kept) => provisionPage(request, reply, lang, rtaId, id, kept),
    });
  });

  app.post("/:lang/admin/agreements/:rtaId/provisions/:id/delete", { schema: { hide: true, params: ProvisionParams } }, async (request, reply) => {
    const { lang, rtaId, id } = request.params;
    await agreements.deleteProvision(request.actor, db, rtaId, id);
    return reply.redirect(`/${lang}/admin/agreements/${rtaId}?done=removed`, 303);
  });

  app.post("/:lang/admin/agreements/:rtaId/verify", { schema: { hide: true, params: AgreementParams } }, async (request, reply) => {
    const { lang, rtaId } = request.params;
    await agreements.verifyCoding(request.actor, db, rtaId);
    return reply.redirect(`/${lang}/admin/agreements/${rtaId}?done=verified`, 303);
  });
}
