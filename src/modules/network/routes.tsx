import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { PUBLIC } from "../../actor.js";
import { notFound } from "../../http/errors.js";
import { check } from "../../http/validation.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { NetworkPage } from "./pages/NetworkPage.js";
import { OrganizationPage } from "./pages/OrganizationPage.js";
import { OrganizationDetail, OrganizationSlug, OrganizationsList, OrganizationsQuery } from "./schema.js";
import * as network from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });

/** The page's filters: the list query less the language, which the address gives. */
const PageFilters = OrganizationsQuery.pick({ q: true, kind: true });

const csvColumns = [
  "slug", "acronym", "name", "acronym_en", "acronym_fr", "acronym_es", "name_en", "name_fr", "name_es",
  "kind", "website", "network_joined_on", "source", "verified_on", "verified_by",
];

export function networkRoutes(app: App, { db }: AppContext) {
  app.get(
    "/api/v1/organizations",
    {
      schema: {
        tags: ["network"],
        summary: "The organizations taking part in the Trade4MSMEs Network",
        querystring: OrganizationsQuery,
        response: { 200: OrganizationsList },
      },
    },
    async (request) => network.listOrganizations(PUBLIC, db, request.query),
  );

  app.get(
    "/api/v1/organizations.csv",
    {
      schema: {
        tags: ["network"],
        summary: "The same list as CSV",
        querystring: OrganizationsQuery,
        produces: ["text/csv"],
      },
    },
    async (request, reply) => {
      const { items } = await network.listOrganizations(PUBLIC, db, request.query);
      const rows = items.map((o) => [
        o.slug, o.acronym, o.name, o.acronyms.en, o.acronyms.fr, o.acronyms.es, o.names.en, o.names.fr, o.names.es,
        o.kind, o.website, o.networkJoinedOn ?? "", o.source, o.verifiedOn ?? "", o.verifiedBy ?? "",
      ]);
      return reply
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="trade4msmes-network-${network.today()}.csv"`)
        .send(`\ufeff${stringify([csvColumns, ...rows])}`);
    },
  );

  app.get(
    "/api/v1/organizations/:slug",
    {
      schema: {
        tags: ["network"],
        summary: "One organization of the Network with its profile",
        params: z.object({ slug: OrganizationSlug }),
        querystring: z.object({ lang: z.enum(LANGS).default("en") }).strict(),
        response: { 200: OrganizationDetail },
      },
    },
    async (request) => network.getOrganization(PUBLIC, db, request.params.slug, request.query.lang),
  );

  app.get(
    "/:lang/network",
    { schema: { hide: true, params: LangParam } },
    async (request, reply) => {
      const lang: Lang = request.params.lang;
      const raw = request.query as Record<string, unknown>;
      const text = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
      const input = { q: text("q"), kind: text("kind") };
      // Empty fields in a submitted GET form mean "no filter".
      const parsed = check(PageFilters, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== "")));
      const query = new URLSearchParams(Object.entries(input).filter(([, v]) => v !== ""));
      return app.pages.send(
        request,
        reply,
        lang,
        async ({ t }) => {
          const all = await network.listOrganizations(PUBLIC, db, { lang });
          const props = { input, query, size: all.total };
          if (!parsed.ok) {
            return { title: t("network.title"), body: <NetworkPage {...props} problems={parsed.problems} /> };
          }
          const filtered = parsed.value.q || parsed.value.kind;
          const result = filtered ? await network.listOrganizations(PUBLIC, db, { lang, ...parsed.value }) : all;
          return {
            title: t("network.title"),
            description: t("network.navDescription"),
            body: <NetworkPage {...props} problems={[]} result={result} />,
          };
        },
        { status: parsed.ok ? 200 : 400 },
      );
    },
  );

  app.get(
    "/:lang/network/:slug",
    { schema: { hide: true, params: LangParam.extend({ slug: z.string().max(40) }) } },
    async (request, reply) => {
      const { lang, slug } = request.params;
      if (slug !== slug.toLowerCase() && OrganizationSlug.safeParse(slug.toLowerCase()).success) {
        return reply.redirect(`/${lang}/network/${slug.toLowerCase()}`, 301);
      }
      if (!OrganizationSlug.safeParse(slug).success) throw notFound();
      const organization = await network.getOrganization(PUBLIC, db, slug, lang);
      return app.pages.send(request, reply, lang, () => ({
        title: organization.name,
        description: organization.description ?? undefined,
        body: <OrganizationPage organization={organization} />,
      }));
    },
  );
}
