import { sendCsv } from "../../http/csv.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { PUBLIC } from "../../actor.js";
import { AppError, type FieldProblem, notFound } from "../../errors.js";
import { formFields } from "../../http/forms.js";
import { check } from "../../http/validation.js";
import { messages } from "../../i18n/catalogue.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf } from "../audit/service.js";
import { type OrganizationFormInput, OrganizationFormPage, OrganizationsAdminPage } from "./pages/AdminPages.js";
import { NetworkPage } from "./pages/NetworkPage.js";
import { OrganizationPage } from "./pages/OrganizationPage.js";
import { presentOrganization } from "./present.js";
import { OrganizationCreateInput, OrganizationDetail, OrganizationSlug, OrganizationsList, OrganizationsQuery } from "./schema.js";
import * as network from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });

/** The page's filters: the list query less the language, which the address gives. */
const PageFilters = OrganizationsQuery.pick({ q: true, kind: true });

/** The back office's list: a search and a page number. */
const AdminFilters = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
const ADMIN_PAGE_SIZE = 25;

const SlugParam = LangParam.extend({ slug: OrganizationSlug });

/** `?done=…` after a POST → redirect: which notice to show (anything else shows none). */
const NOTICES = { saved: "network.admin.saved", created: "network.admin.created", verified: "verified.done" } as const;
const notice = (query: unknown, lang: Lang): string | undefined => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

/** A form's text as the schemas take it: an empty date means "no date". */
const fromForm = (input: OrganizationFormInput): Record<string, string | null> =>
  Object.fromEntries(Object.entries(input).map(([field, value]) => [field, field === "network_joined_on" && value === "" ? null : (value ?? "")]));

/** Problems as a person reads them: an http:// address is the usual mistake, so say what is expected. */
const explain = (problems: FieldProblem[]): FieldProblem[] =>
  problems.map((p) => (p.field === "website" && p.message !== "validation.too_big" ? { field: p.field, message: "network.admin.errors.website" } : p));

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
      return sendCsv(reply, `trade4msmes-network-${network.today()}`, csvColumns, rows);
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

  // --- The back office: the organizations a person may edit ------------------------------------

  app.get("/:lang/admin/network", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const input = formFields(request.query, ["q"]);
    const raw = request.query as Record<string, unknown>;
    const parsed = check(AdminFilters, Object.fromEntries(Object.entries({ q: input.q, page: raw.page }).filter(([, v]) => v !== "" && v !== undefined)));
    const filter = parsed.ok ? parsed.value : { page: 1 };
    const list = await network.listEditableOrganizations(request.actor, db, { lang, q: filter.q, page: filter.page, pageSize: ADMIN_PAGE_SIZE });
    const query = new URLSearchParams(Object.entries(input).filter(([, v]) => v !== ""));
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("network.admin.title"),
        body: <OrganizationsAdminPage list={list} input={input} query={query} mayCreate={network.mayCreateOrganization(request.actor)} />,
      }),
      { cache: false },
    );
  });

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    slug: string,
    props: { input?: OrganizationFormInput; problems?: FieldProblem[]; status?: number; notice?: string },
  ) => {
    // Asks first who is asking: the public is sent to sign in, another organization's partner gets 403.
    const { values, editable } = await network.getOrganizationForEdit(request.actor, db, slug);
    const history = await historyOf(db, "organization", slug);
    const organization = presentOrganization(values, lang);
    const stored = Object.fromEntries(editable.map((field) => [field, values[field] ?? ""])) as OrganizationFormInput;
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("network.admin.editTitle", { name: organization.name }),
        body: (
          <OrganizationFormPage
            organization={organization}
            fields={editable}
            input={props.input ?? stored}
            problems={props.problems ?? []}
            history={history}
            notice={props.notice}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  const newPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    props: { input: OrganizationFormInput; problems?: FieldProblem[]; status?: number },
  ) => {
    const fields = network.newOrganizationFields(request.actor);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("network.admin.newTitle"), body: <OrganizationFormPage fields={fields} input={props.input} problems={props.problems ?? []} /> }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/network/new", { schema: { hide: true, params: LangParam } }, async (request, reply) =>
    newPage(request, reply, request.params.lang, { input: { kind: "international_organization" } }),
  );

  app.post("/:lang/admin/network", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    // Only the Secretariat may add an organization: refuse anyone else before reading the form.
    const fields = network.newOrganizationFields(request.actor);
    const input = formFields(request.body, fields);
    const parsed = check(OrganizationCreateInput, fromForm(input));
    if (!parsed.ok) return newPage(request, reply, lang, { input, problems: explain(parsed.problems), status: 400 });
    try {
      await network.createOrganization(request.actor, db, parsed.value);
    } catch (error) {
      // 409: the identifier is taken; the error names the field.
      if (error instanceof AppError && error.fields.length > 0) return newPage(request, reply, lang, { input, problems: explain(error.fields), status: error.status });
      throw error;
    }
    return reply.redirect(`/${lang}/admin/network/${parsed.value.slug}?done=created`, 303);
  });

  app.get("/:lang/admin/network/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    return editPage(request, reply, lang, slug, { notice: notice(request.query, lang) });
  });

  app.post("/:lang/admin/network/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    // Who may change what comes first; only the fields this person may change are read from the form.
    const { editable } = await network.getOrganizationForEdit(request.actor, db, slug);
    const input = formFields(request.body, editable);
    try {
      // The service checks the input against the schema for this person's role (`check`).
      await network.updateOrganization(request.actor, db, slug, fromForm(input));
    } catch (error) {
      if (error instanceof AppError && error.status === 400) return editPage(request, reply, lang, slug, { input, problems: explain(error.fields), status: 400 });
      throw error;
    }
    return reply.redirect(`/${lang}/admin/network/${slug}?done=saved`, 303);
  });

  app.post("/:lang/admin/network/:slug/verify", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    await network.verifyOrganization(request.actor, db, slug);
    return reply.redirect(`/${lang}/admin/network/${slug}?done=verified`, 303);
  });
}
