import { relatedSections } from "../../http/related.js";
import { z } from "zod";
import { notFound } from "../../errors.js";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { renderMembersMap } from "./map.js";
import { MemberPage } from "./pages/MemberPage.js";
import { MembersPage } from "./pages/MembersPage.js";
import { membersCollection } from "./collection.js";
import { EconomyCode, IsoDay, MemberDetail } from "./schema.js";
import * as members from "./service.js";

const PAGE_SIZE = 100;
const LangParam = z.object({ lang: z.enum(LANGS) });

export function membersRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  registerCollection(app, ctx, membersCollection);

  app.get(
    "/api/v1/members/:code",
    {
      schema: {
        tags: ["members"],
        summary: "One economy: its WTO and MSME Group membership, and for the EU its member states",
        params: z.object({ code: EconomyCode }),
        querystring: z.object({ lang: z.enum(LANGS).default("en"), date: IsoDay.optional() }).strict(),
        response: { 200: MemberDetail },
      },
    },
    async (request) => members.getMember(request.actor, db, request.params.code, request.query.lang, request.query.date),
  );

  app.get("/:lang/members", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(membersCollection, request.query, ["q", "region", "date"]);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) {
          return { title: t("members.title"), body: <MembersPage input={input} problems={parsed.problems} query={links} /> };
        }
        const { page, ...filter } = parsed.value;
        const date = filter.date ?? members.today();
        const query = { ...filter, group: "msme" as const, lang, date };
        const list = await members.listMembers(request.actor, db, { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
        const onMap = await members.mapMembers(request.actor, db, query);
        const mapSvg = renderMembersMap({
          members: onMap,
          title: t("members.mapTitle"),
          description: t("members.mapDescription", { count: list.total }),
        });
        return {
          title: t("members.title"),
          description: t("members.lede"),
          body: (
            <MembersPage
              input={input}
              problems={[]}
              query={links}
              mapSvg={mapSvg}
              result={{ ...list, date, page, pages: pageCount(list.total, PAGE_SIZE) }}
            />
          ),
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["q", "region", "date", "page"] },
    );
  });

  app.get(
    "/:lang/members/:code",
    { schema: { hide: true, params: LangParam.extend({ code: z.string().max(8) }) } },
    async (request, reply) => {
      const { lang, code } = request.params;
      if (/^[a-z]{2}$/i.test(code) && code !== code.toUpperCase()) {
        return reply.redirect(`/${lang}/members/${code.toUpperCase()}`, 301);
      }
      if (!EconomyCode.safeParse(code).success) throw notFound();
      const member = await members.getMember(request.actor, db, code, lang);
      return app.pages.send(request, reply, lang, async ({ t }) => {
        const related = await relatedSections(ctx, { on: "member", id: member.code, actor: request.actor, lang, t });
        return { title: member.name, body: <MemberPage member={member} related={related} /> };
      });
    },
  );
}
