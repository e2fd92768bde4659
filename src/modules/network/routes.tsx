import { relatedSections } from "../../http/related.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { submitForm, validForm } from "../../http/edit-form.js";
import { type FieldProblem, notFound } from "../../errors.js";
import { formFields } from "../../http/forms.js";
import { check } from "../../http/validation.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, formValuesOf, postedTextFields } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { type OrganizationFormInput, OrganizationFormPage, OrganizationsAdminPage } from "./pages/AdminPages.js";
import { NetworkPage } from "./pages/NetworkPage.js";
import { OrganizationPage } from "./pages/OrganizationPage.js";
import { presentOrganization } from "./present.js";
import { organizationsCollection } from "./collection.js";
import { listOrganizationsWithUpkeep, withUpkeep } from "./owned.js";
import { OrganizationCreateInput, OrganizationDetailWithUpkeep, OrganizationSlug, OrganizationsAdminFilter } from "./schema.js";
import { networkSettings } from "./settings.js";
import * as network from "./service.js";
import { listPlatformPartners, PlatformPartnersList } from "./partners.js";

const LangParam = z.object({ lang: z.enum(LANGS) });

const PAGE_SIZE = 100;

const ADMIN_PAGE_SIZE = 25;

const SlugParam = LangParam.extend({ slug: OrganizationSlug });

/** `?done=…` after a POST → redirect: which notice to show (anything else shows none). */
const NOTICES = { saved: "network.admin.saved", created: "network.admin.created", verified: "verified.done" } as const;
const notice = (query: unknown, lang: Lang): string | undefined => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

/** The form fields to read for these editable fields: the profile is a control per language. */
const formNames = (fields: readonly string[], body: unknown): string[] =>
  fields.flatMap((field) => (field === "profile" ? postedTextFields("profile", body) : [field]));

/** A form's text as the schemas take it: an empty date means "no date"; the profile's controls make one edit. */
function fromForm(input: OrganizationFormInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let profile = false;
  for (const [field, value] of Object.entries(input)) {
    if (field.startsWith("profile.")) profile = true;
    else out[field] = field === "network_joined_on" && value === "" ? null : (value ?? "");
  }
  if (profile) out.profile = editFromForm("profile", input as Record<string, string>);
  return out;
}

/** Problems as a person reads them: an http:// address is the usual mistake, so say what is expected. */
const explain = (problems: FieldProblem[]): FieldProblem[] =>
  problems.map((p) => (p.field === "website" && p.message !== "validation.too_big" ? { field: p.field, message: "network.admin.errors.website" } : p));

export function networkRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  const days = networkSettings(ctx.config).NETWORK_VERIFY_DAYS;
  registerCollection(app, ctx, organizationsCollection);

  app.get(
    "/api/v1/organizations/:slug",
    {
      schema: {
        tags: ["network"],
        summary: "One organization of the Network with its profile, join date, and the guides and tools it keeps current",
        params: z.object({ slug: OrganizationSlug }),
        querystring: z.object({ lang: z.enum(LANGS).default("en") }).strict(),
        response: { 200: OrganizationDetailWithUpkeep },
      },
    },
    async (request) => withUpkeep(request.actor, db, await network.getOrganization(request.actor, db, request.params.slug, request.query.lang), request.query.lang, days),
  );

  app.get(
    "/api/v1/platform-partners",
    {
      schema: {
        tags: ["network"],
        summary: "The platform's partners that are not Network participants (a strategic partner, a funder, a partner for visibility)",
        querystring: z.object({ lang: z.enum(LANGS).default("en") }).strict(),
        response: { 200: PlatformPartnersList },
      },
    },
    async (request) => listPlatformPartners(request.actor, db, request.query.lang),
  );

  app.get("/:lang/network", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(organizationsCollection, request.query, ["q", "kind"]);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        // The lede names the Network's size whatever the filters: counted apart only when they narrow the list.
        const everyone = async () => (await network.listOrganizations(request.actor, db, { lang, limit: 1 })).total;
        const partners = (await listPlatformPartners(request.actor, db, lang)).items;
        if (!parsed.ok) return { title: t("network.title"), body: <NetworkPage input={input} query={links} size={await everyone()} problems={parsed.problems} partners={partners} /> };
        const { page, ...filter } = parsed.value;
        const list = await listOrganizationsWithUpkeep(request.actor, db, { ...filter, lang, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, days);
        const size = filter.q || filter.kind ? await everyone() : list.total;
        const props = { input, query: links, size, partners };
        return {
          title: t("network.title"),
          description: t("network.navDescription"),
          body: <NetworkPage {...props} problems={[]} result={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["q", "kind", "page"] },
    );
  });

  app.get(
    "/:lang/network/:slug",
    { schema: { hide: true, params: LangParam.extend({ slug: z.string().max(40) }) } },
    async (request, reply) => {
      const { lang, slug } = request.params;
      if (slug !== slug.toLowerCase() && OrganizationSlug.safeParse(slug.toLowerCase()).success) {
        return reply.redirect(`/${lang}/network/${slug.toLowerCase()}`, 301);
      }
      if (!OrganizationSlug.safeParse(slug).success) throw notFound();
      const organization = await withUpkeep(request.actor, db, await network.getOrganization(request.actor, db, slug, lang), lang, days);
      return app.pages.send(request, reply, lang, async ({ t }) => ({
        title: organization.name,
        description: organization.description ?? undefined,
        body: (
          <OrganizationPage
            organization={organization}
            related={await relatedSections(ctx, { on: "organization", id: organization.slug, actor: request.actor, lang, t })}
          />
        ),
      }));
    },
  );

  // --- The back office: the organizations a person may edit ------------------------------------

  app.get("/:lang/admin/network", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const input = formFields(request.query, ["q"]);
    const raw = request.query as Record<string, unknown>;
    const parsed = check(OrganizationsAdminFilter, Object.fromEntries(Object.entries({ q: input.q, page: raw.page }).filter(([, v]) => v !== "" && v !== undefined)));
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
    const history = await historyOf(db, { entity: "organization", entityId: slug }, historyPageOf(request.query));
    const organization = presentOrganization(values, lang);
    const stored: OrganizationFormInput = {};
    for (const field of editable) {
      if (field === "profile") Object.assign(stored, formValuesOf("profile", values.profile));
      else stored[field] = values[field] ?? "";
    }
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("network.admin.editTitle", { name: organization.name }),
        body: (
          <OrganizationFormPage
            organization={organization}
            profile={values.profile}
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
    return submitForm(request.body, reply, {
      fields: formNames(fields, request.body),
      save: async (input) => {
        const values = validForm(OrganizationCreateInput, fromForm(input));
        // 409 when the identifier is taken: the error names the field.
        await network.createOrganization(request.actor, db, values);
        return `/${lang}/admin/network/${values.slug}?done=created`;
      },
      show: ({ input, problems, status }) => newPage(request, reply, lang, { input, problems: explain(problems), status }),
    });
  });

  app.get("/:lang/admin/network/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    return editPage(request, reply, lang, slug, { notice: notice(request.query, lang) });
  });

  app.post("/:lang/admin/network/:slug", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    // Who may change what comes first; only the fields this person may change are read from the form.
    const { editable } = await network.getOrganizationForEdit(request.actor, db, slug);
    return submitForm(request.body, reply, {
      fields: formNames(editable, request.body),
      save: async (input) => {
        // The service checks the input against the schema for this person's role.
        await network.updateOrganization(request.actor, db, slug, fromForm(input));
        return `/${lang}/admin/network/${slug}?done=saved`;
      },
      show: ({ input, problems, status }) => editPage(request, reply, lang, slug, { input, problems: explain(problems), status }),
    });
  });

  app.post("/:lang/admin/network/:slug/verify", { schema: { hide: true, params: SlugParam } }, async (request, reply) => {
    const { lang, slug } = request.params;
    await network.verifyOrganization(request.actor, db, slug);
    return reply.redirect(`/${lang}/admin/network/${slug}?done=verified`, 303);
  });
}
