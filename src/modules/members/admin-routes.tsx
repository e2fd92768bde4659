import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { submitForm } from "../../http/edit-form.js";
import { type FieldProblem, notFound } from "../../errors.js";
import { doneNotice, formFields, listFilters } from "../../http/forms.js";
import { messages } from "../../i18n/catalogue.js";
import { EMPTY_TEXT, editFromForm, formValuesOf, postedTextFields } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { Confirm } from "../../ui/components.js";
import { type EconomyFormInput, MemberEditPage, type MembershipFormInput, MemberNewPage } from "./pages/admin/MemberEditPage.js";
import { MembersAdminPage } from "./pages/admin/MembersAdminPage.js";
import { nameIn } from "./present.js";
import { AdminMembersFilter } from "./schema.js";
import * as members from "./service.js";
import { historyPageOf } from "../audit/service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
// Any two letters reach the service, which answers 404 for an unknown code and 403 out of scope.
const CodeParam = LangParam.extend({ code: z.string().regex(/^[A-Z]{2}$/) });
const ECONOMY_FIELDS = ["name_en", "name_fr", "name_es", "region", "numeric_code", "wto_member_since", "source"] as const;
const MEMBERSHIP_FIELDS = ["joined_on", "joined_precision", "left_on", "source"] as const;

/** A membership form's fields as the service takes them: the note's controls (one per language) make one edit. */
const membershipFromForm = (input: Record<string, string>) => ({
  ...Object.fromEntries(MEMBERSHIP_FIELDS.map((field) => [field, input[field] ?? ""])),
  note: editFromForm("note", input),
});
const NOTICES = ["saved", "verified", "created", "removed"] as const;

export function membersAdminRoutes(app: App, { db }: AppContext) {
  app.get("/:lang/admin/members", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const { input, parsed, links: query } = listFilters(request.query, ["q", "status", "verified"], AdminMembersFilter);
    const filter = parsed.ok ? parsed.value : { page: 1 };
    const list = await members.adminListMembers(request.actor, db, filter, lang);
    const notice = doneNotice(request.query, NOTICES);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("members.admin.title"),
        body: (
          <MembersAdminPage
            {...list}
            page={filter.page}
            input={input}
            query={query}
            notice={notice && t(`members.admin.done.${notice}`)}
          />
        ),
      }),
      { cache: false, status: parsed.ok ? 200 : 400 },
    );
  });

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    code: string,
    kept: { economy?: EconomyFormInput; membership?: MembershipFormInput; problemsOf?: "economy" | "membership"; problems?: FieldProblem[]; status?: number } = {},
  ) => {
    const { economy, membership, history, may } = await members.getMemberForEdit(request.actor, db, code, historyPageOf(request.query));
    const notice = doneNotice(request.query, NOTICES);
    const t = messages(lang);
    return app.pages.send(
      request,
      reply,
      lang,
      () => ({
        title: nameIn(economy, lang),
        body: (
          <MemberEditPage
            code={code}
            name={nameIn(economy, lang)}
            economy={
              kept.economy ?? {
                name_en: economy.name_en,
                name_fr: economy.name_fr,
                name_es: economy.name_es,
                region: economy.region,
                numeric_code: economy.numeric_code ?? "",
                wto_member_since: economy.wto_member_since ?? "",
                source: economy.source,
              }
            }
            membership={
              kept.membership ?? {
                joined_on: membership?.joined_on ?? "",
                joined_precision: membership?.joined_precision ?? "day",
                left_on: membership?.left_on ?? "",
                source: membership?.source ?? "",
                ...formValuesOf("note", membership?.note ?? EMPTY_TEXT),
              }
            }
            note={membership?.note ?? EMPTY_TEXT}
            hasMembership={membership !== null}
            verifiedOn={economy.verified_on}
            verifiedBy={economy.verified_by}
            problemsOf={kept.problemsOf}
            problems={kept.problems ?? []}
            may={may}
            history={history}
            notice={!kept.problems && notice ? t(`members.admin.done.${notice}`) : undefined}
          />
        ),
      }),
      { cache: false, status: kept.status ?? 200 },
    );
  };

  app.get("/:lang/admin/members/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    members.authorizeCreate(request.actor);
    const empty = { code: "", name_en: "", name_fr: "", name_es: "", region: "africa", numeric_code: "", wto_member_since: "", source: "" };
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("members.admin.new"), body: <MemberNewPage input={empty} problems={[]} /> }), {
      cache: false,
    });
  });

  app.post("/:lang/admin/members", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    return submitForm(request.body, reply, {
      fields: ["code", ...ECONOMY_FIELDS],
      save: async (input) => `/${lang}/admin/members/${await members.createEconomy(request.actor, db, input)}?done=created`,
      show: ({ input, problems, status }) =>
        app.pages.send(request, reply, lang, ({ t }) => ({ title: t("members.admin.new"), body: <MemberNewPage input={input} problems={problems} /> }), {
          status,
        }),
    });
  });

  app.get("/:lang/admin/members/:code", { schema: { hide: true, params: CodeParam } }, async (request, reply) =>
    editPage(request, reply, request.params.lang, request.params.code),
  );

  app.post("/:lang/admin/members/:code", { schema: { hide: true, params: CodeParam } }, async (request, reply) => {
    const { lang, code } = request.params;
    return submitForm(request.body, reply, {
      fields: ECONOMY_FIELDS,
      save: async (input) => {
        await members.updateEconomy(request.actor, db, code, input);
        return `/${lang}/admin/members/${code}?done=saved`;
      },
      show: ({ input, problems, status }) => editPage(request, reply, lang, code, { economy: input, problemsOf: "economy", problems, status }),
    });
  });

  app.post("/:lang/admin/members/:code/membership", { schema: { hide: true, params: CodeParam } }, async (request, reply) => {
    const { lang, code } = request.params;
    return submitForm(request.body, reply, {
      fields: [...MEMBERSHIP_FIELDS, ...postedTextFields("note", request.body)],
      save: async (input) => {
        await members.saveMembership(request.actor, db, code, membershipFromForm(input));
        return `/${lang}/admin/members/${code}?done=saved#membership`;
      },
      show: ({ input, problems, status }) => editPage(request, reply, lang, code, { membership: input, problemsOf: "membership", problems, status }),
    });
  });

  app.get("/:lang/admin/members/:code/membership/delete", { schema: { hide: true, params: CodeParam } }, async (request, reply) => {
    const { lang, code } = request.params;
    // Out of a delegate's scope: 404 as for any record; in scope but not theirs to remove: 403.
    const { economy, membership } = await members.getMemberForEdit(request.actor, db, code);
    members.authorizeDelete(request.actor);
    if (!membership) throw notFound();
    const name = nameIn(economy, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("members.admin.removeQuestion", { name }),
        body: (
          <Confirm
            action={`/${lang}/admin/members/${code}/membership/delete`}
            question={t("members.admin.removeQuestion", { name })}
            consequence={t("members.admin.removeConsequence")}
            confirm={t("members.admin.removeMembership")}
            cancelHref={`/${lang}/admin/members/${code}`}
          />
        ),
      }),
      { cache: false },
    );
  });

  app.post("/:lang/admin/members/:code/membership/delete", { schema: { hide: true, params: CodeParam } }, async (request, reply) => {
    const { lang, code } = request.params;
    if (formFields(request.body, ["confirm"]).confirm !== "yes") return reply.redirect(`/${lang}/admin/members/${code}/membership/delete`, 303);
    await members.deleteMembership(request.actor, db, code);
    return reply.redirect(`/${lang}/admin/members/${code}?done=removed`, 303);
  });

  app.post("/:lang/admin/members/:code/verify", { schema: { hide: true, params: CodeParam } }, async (request, reply) => {
    const { lang, code } = request.params;
    await members.verifyMember(request.actor, db, code);
    return reply.redirect(`/${lang}/admin/members/${code}?done=verified`, 303);
  });
}
