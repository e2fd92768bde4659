import { z } from "zod";
import { formFields } from "../../http/forms.js";
import { check } from "../../http/validation.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { SearchPage, type SearchPageResult } from "./pages/SearchPage.js";
import { highlights, presentItem } from "./present.js";
import { kindOf, OFFSET_MAX, SearchResults, SearchText, searchQuery } from "./schema.js";
import * as search from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });

/** Results per page when one kind is shown; the overview shows the best few of each kind. */
const PAGE_SIZE = 20;
const PER_KIND = 5;

export function searchRoutes(app: App, { db }: AppContext) {
  // The kinds are known once every module is loaded: `?kind=` accepts exactly those.
  const kinds = search.searchKinds();
  const names = kinds.map((k) => k.name);
  const PageFilters = z.object({
    q: SearchText.optional(),
    kind: kindOf(names).optional(),
    page: z.coerce.number().int().min(1).max(OFFSET_MAX / PAGE_SIZE).default(1),
  });

  app.get(
    "/api/v1/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search the platform: members, Network organizations and more, in one language",
        description:
          "Ranked full-text search (stemming of the language, accents ignored; names also by prefix). When nothing matches, mistyped words are corrected: the results are then those of `suggestion`.",
        querystring: searchQuery(names),
        response: { 200: SearchResults },
      },
    },
    async (request) => {
      const { hits, total, exact, suggestion } = await search.search(request.actor, db, request.query);
      return { items: hits.map(presentItem), total, ...(exact ? {} : { totalExact: false as const }), ...(suggestion ? { suggestion } : {}) };
    },
  );

  app.get("/:lang/search", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const input = formFields(request.query, ["q", "kind"]);
    const page = (request.query as Record<string, unknown> | undefined)?.page;
    // Empty (or blank) fields of a submitted GET form mean "not given".
    const given = Object.fromEntries(Object.entries({ ...input, page }).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
    const parsed = check(PageFilters, given);
    const links = new URLSearchParams(Object.entries(input).filter(([, v]) => v.trim() !== ""));
    // A query that names one record (a document's symbol) goes straight to its page.
    if (parsed.ok && parsed.value.q && !parsed.value.kind && parsed.value.page === 1) {
      const path = await search.directHit(request.actor, db, parsed.value.q);
      if (path) return reply.redirect(`/${lang}${path}`, 303);
    }
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("search.title"), body: <SearchPage input={input} problems={parsed.problems} kinds={kinds} links={links} /> };
        const { q, kind, page: pageNumber } = parsed.value;
        if (!q) return { title: t("search.title"), description: t("search.intro"), body: <SearchPage input={input} problems={[]} kinds={kinds} links={links} /> };
        const overview = await search.searchByKind(request.actor, db, { q, lang, perKind: PER_KIND });
        const view = (hit: search.Hit) => ({ kind: hit.kind, title: hit.title, url: hit.url, snippet: highlights(hit.headline), snippetLang: hit.textLang });
        const result: SearchPageResult = {
          q,
          suggestion: overview.suggestion,
          total: overview.total,
          exact: overview.exact,
          groups: overview.groups.map((g) => ({ kind: g.kind, total: g.total, hits: g.hits.map(view) })),
          others: { total: overview.others.total, hits: overview.others.hits.map(view) },
        };
        const chosen = kinds.find((k) => k.name === kind);
        if (chosen) {
          const list = await search.search(request.actor, db, { q, lang, kind: chosen.name, limit: PAGE_SIZE, offset: (pageNumber - 1) * PAGE_SIZE });
          result.list = {
            kind: chosen,
            suggestion: list.suggestion,
            total: list.total,
            exact: list.exact,
            hits: list.hits.map(view),
            page: pageNumber,
            pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)),
          };
        }
        return {
          title: t("search.titleFor", { q }),
          body: <SearchPage input={input} problems={[]} kinds={kinds} links={links} result={result} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["q", "kind", "page"] },
    );
  });
}
