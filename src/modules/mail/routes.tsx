import { z } from "zod";
import { doneNotice, listFilters } from "../../http/forms.js";
import { LANGS } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { OutboxPage } from "./pages/OutboxPage.js";
import { OUTBOX_STATUSES } from "./schema.js";
import * as mail from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const OutboxFilter = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** The outbox in the back office: what was sent, what failed, and sending again. */
export function mailRoutes(app: App, { db }: AppContext) {
  app.get("/:lang/admin/outbox", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const { input, parsed, links: query } = listFilters(request.query, ["status"], OutboxFilter);
    const filter = parsed.ok ? parsed.value : { page: 1 };
    const list = await mail.listOutbox(request.actor, db, filter);
    const retried = doneNotice(request.query, ["retried"]) !== undefined;
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("mail.admin.title"),
        body: <OutboxPage {...list} page={filter.page} input={input} query={query} notice={retried ? t("mail.admin.retried") : undefined} />,
      }),
      { cache: false, status: parsed.ok ? 200 : 400 },
    );
  });

  app.post(
    "/:lang/admin/outbox/:id/retry",
    { schema: { hide: true, params: LangParam.extend({ id: z.coerce.number().int().min(1).max(2 ** 53) }) } },
    async (request, reply) => {
      await mail.retryEmail(request.actor, db, request.params.id);
      return reply.redirect(`/${request.params.lang}/admin/outbox?done=retried`, 303);
    },
  );
}
