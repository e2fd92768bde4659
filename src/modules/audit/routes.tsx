import { z } from "zod";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { LANGS } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { auditCollection } from "./collection.js";
import { AuditLogPage } from "./pages/AuditLogPage.js";
import * as audit from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const PAGE_SIZE = 50;

export function auditRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  app.get("/:lang/admin/audit", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    // Authorizes first (401 → sign in, 403), then reads the filters.
    const entities = await audit.listAuditedEntities(request.actor, db);
    const { input, parsed, links } = readPageQuery(auditCollection, request.query, ["entity", "entityId", "actor", "action", "from", "to"]);
    const result = parsed.ok
      ? await (async () => {
          const { page, ...filter } = parsed.value;
          const list = await audit.listAuditLog(request.actor, db, { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
          return { ...list, page, pages: pageCount(list.total, PAGE_SIZE) };
        })()
      : undefined;
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("audit.title"),
        body: <AuditLogPage input={input} problems={parsed.ok ? [] : parsed.problems} entities={entities} query={links} result={result} />,
      }),
      { status: parsed.ok ? 200 : 400, cache: false },
    );
  });

  registerCollection(app, ctx, auditCollection);
}
