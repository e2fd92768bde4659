import { sendCsv } from "../../http/csv.js";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { formFields } from "../../http/forms.js";
import { check } from "../../http/validation.js";
import { LANGS } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { AuditLogPage } from "./pages/AuditLogPage.js";
import { authorizeAudit } from "./policy.js";
import { AUDIT_CSV_COLUMNS, auditCsvRow } from "./present.js";
import { AuditCsvQuery, AuditList, AuditPageFilter, AuditQuery } from "./schema.js";
import * as audit from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const PAGE_SIZE = 50;
const FILTER_FIELDS = ["entity", "entityId", "actor", "action", "from", "to"] as const;

/** The API checks who is asking before it reads the query: a stranger learns nothing from a 400. */
const secretariatOnly = async (request: FastifyRequest) => authorizeAudit(request.actor, "read-log");

export function auditRoutes(app: App, { db }: AppContext) {
  app.get("/:lang/admin/audit", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    // Authorizes first (401 → sign in, 403), then reads the filters.
    const entities = await audit.listAuditedEntities(request.actor, db);
    const input = formFields(request.query, FILTER_FIELDS);
    const raw = formFields(request.query, ["page"]);
    // Empty fields in a submitted GET form mean "no filter".
    const parsed = check(AuditPageFilter, Object.fromEntries(Object.entries({ ...input, page: raw.page }).filter(([, v]) => v !== "")));
    const query = new URLSearchParams(Object.entries(input).filter(([, v]) => v !== ""));
    const result = parsed.ok
      ? await audit.listAuditLog(request.actor, db, { ...parsed.value, limit: PAGE_SIZE, offset: (parsed.value.page - 1) * PAGE_SIZE })
      : undefined;
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("audit.title"),
        body: (
          <AuditLogPage
            input={input}
            problems={parsed.ok ? [] : parsed.problems}
            entities={entities}
            query={query}
            result={
              parsed.ok && result
                ? { ...result, page: parsed.value.page, pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)) }
                : undefined
            }
          />
        ),
      }),
      { status: parsed.ok ? 200 : 400, cache: false },
    );
  });

  app.get(
    "/api/v1/audit",
    {
      onRequest: secretariatOnly,
      schema: {
        tags: ["audit"],
        summary: "The audit log: every change to any record, newest first (the Secretariat only)",
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (request, reply) => {
      reply.header("Cache-Control", "private, no-store");
      return audit.listAuditLog(request.actor, db, request.query);
    },
  );

  app.get(
    "/api/v1/audit.csv",
    {
      onRequest: secretariatOnly,
      schema: {
        tags: ["audit"],
        summary: "The same log as CSV (before and after as JSON)",
        querystring: AuditCsvQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const { items } = await audit.listAuditLog(request.actor, db, request.query);
      const today = new Date().toISOString().slice(0, 10);
      reply.header("Cache-Control", "private, no-store");
      return sendCsv(reply, `audit-log-${today}`, AUDIT_CSV_COLUMNS, items.map(auditCsvRow));
    },
  );
}
