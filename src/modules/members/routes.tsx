import { sendCsv } from "../../http/csv.js";
import { z } from "zod";
import { PUBLIC } from "../../actor.js";
import { notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { renderMembersMap } from "./map.js";
import { MemberPage } from "./pages/MemberPage.js";
import { MembersPage } from "./pages/MembersPage.js";
import { EconomyCode, IsoDay, MemberDetail, MembersList, MembersQuery } from "./schema.js";
import * as members from "./service.js";

const PAGE_SIZE = 100;
const LangParam = z.object({ lang: z.enum(LANGS) });

/** The page's filters: the list query less what the page fixes (group, paging by page number). */
const PageFilters = MembersQuery.pick({ q: true, region: true, date: true }).extend({
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

const csvColumns = ["code", "name", "name_en", "name_fr", "name_es", "region", "wto_member_since", "msme_joined_on", "msme_precision", "msme_source", "source"];

export function membersRoutes(app: App, { db }: AppContext) {
  app.get(
    "/api/v1/members",
    {
      schema: {
        tags: ["members"],
        summary: "WTO members, or the members of a group such as the MSME Group, on a given day",
        querystring: MembersQuery,
        response: { 200: MembersList },
      },
    },
    async (request) => members.listMembers(PUBLIC, db, request.query),
  );

  app.get(
    "/api/v1/members.csv",
    {
      schema: {
        tags: ["members"],
        summary: "The same list as CSV",
        querystring: MembersQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const { items } = await members.listMembers(PUBLIC, db, request.query);
      const rows = items.map((m) => [
        m.code, m.name, m.names.en, m.names.fr, m.names.es, m.region, m.wtoMemberSince ?? "",
        m.msme?.joinedOn ?? "", m.msme?.precision ?? "", m.msme?.source ?? "", m.source,
      ]);
      const file = request.query.group === "msme" ? "msme-group-members" : "wto-members";
      return sendCsv(reply, `${file}-${request.query.date ?? members.today()}`, csvColumns, rows);
    },
  );

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
    async (request) => members.getMember(PUBLIC, db, request.params.code, request.query.lang, request.query.date),
  );

  app.get(
    "/:lang/members",
    { schema: { hide: true, params: LangParam } },
    async (request, reply) => {
      const lang: Lang = request.params.lang;
      const raw = request.query as Record<string, unknown>;
      const text = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
      const input = { q: text("q"), region: text("region"), date: text("date") };
      // Empty fields in a submitted GET form mean "no filter".
      const parsed = check(PageFilters, Object.fromEntries(Object.entries({ ...input, page: raw.page }).filter(([, v]) => v !== "" && v !== undefined)));
      const query = new URLSearchParams(Object.entries(input).filter(([, v]) => v !== ""));
      return app.pages.send(
        request,
        reply,
        lang,
        async ({ t }) => {
          if (!parsed.ok) {
            return { title: t("members.title"), body: <MembersPage input={input} problems={parsed.problems} query={query} /> };
          }
          const filters = parsed.value;
          const date = filters.date ?? members.today();
          const list = await members.listMembers(PUBLIC, db, {
            group: "msme",
            lang,
            date,
            region: filters.region,
            q: filters.q,
            limit: PAGE_SIZE,
            offset: (filters.page - 1) * PAGE_SIZE,
          });
          const onMap = await members.mapMembers(PUBLIC, db, { group: "msme", lang, date, region: filters.region, q: filters.q });
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
                query={query}
                mapSvg={mapSvg}
                result={{ ...list, date, page: filters.page, pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)) }}
              />
            ),
          };
        },
        { status: parsed.ok ? 200 : 400 },
      );
    },
  );

  app.get(
    "/:lang/members/:code",
    { schema: { hide: true, params: LangParam.extend({ code: z.string().max(8) }) } },
    async (request, reply) => {
      const { lang, code } = request.params;
      if (/^[a-z]{2}$/i.test(code) && code !== code.toUpperCase()) {
        return reply.redirect(`/${lang}/members/${code.toUpperCase()}`, 301);
      }
      if (!EconomyCode.safeParse(code).success) throw notFound();
      const member = await members.getMember(PUBLIC, db, code, lang);
      return app.pages.send(request, reply, lang, () => ({ title: member.name, body: <MemberPage member={member} /> }));
    },
  );
}
