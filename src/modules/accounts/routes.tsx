import { grantOf } from "../../actor.js";
import { z } from "zod";
import { clearSessionCookie, sessionSecret, setSessionCookie } from "../../http/auth.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FieldProblem } from "../../errors.js";
import { messages } from "../../i18n/catalogue.js";
import { submitForm, validForm } from "../../http/edit-form.js";
import { doneNotice, formFields, listFilters, safeNext } from "../../http/forms.js";
import { check } from "../../http/validation.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { listEconomyChoices } from "../members/service.js";
import { listOrganizationChoices } from "../network/service.js";
import { AccountPage } from "./pages/AccountPage.js";
import { ForgotPage, SetPasswordPage, SignInPage } from "./pages/SignInPage.js";
import { type UserFormInput, UserFormPage, UsersPage } from "./pages/UsersPages.js";
import { ForgotForm, RoleSchema, SetPasswordForm, SignInForm, TokenForm, UserForm, UsersFilter, UserView } from "./schema.js";
import * as accounts from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const IdParam = LangParam.extend({ id: z.coerce.number().int().min(1).max(2 ** 31) });
const TokenParam = LangParam.extend({ token: z.string().max(100) });
const USERS_PAGE_SIZE = 50;
const USER_FIELDS = ["email", "name", "role", "lang", "economy", "organization", "competition", "disabled"] as const;



export function accountsRoutes(app: App, { db, config }: AppContext) {
  const formLimit = { rateLimit: { max: config.FORM_RATE_LIMIT, timeWindow: 60_000 } };

  // --- Signing in and out --------------------------------------------------------------------

  app.get("/:lang/sign-in", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const query = formFields(request.query, ["next", "done"]);
    if (request.actor.kind === "user") return reply.redirect(safeNext(query.next, `/${lang}/admin`), 303);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("accounts.signIn.title"),
        body: (
          <SignInPage
            input={{ email: "", next: query.next }}
            problems={[]}
            notice={query.done === "password" ? t("accounts.password.done") : query.done === "signed-out" ? t("accounts.signOut.done") : undefined}
          />
        ),
      }),
      { cache: false },
    );
  });

  app.post("/:lang/sign-in", { schema: { hide: true, params: LangParam }, config: formLimit }, async (request, reply) => {
    const { lang } = request.params;
    const input = formFields(request.body, ["email", "password", "next"]);
    const parsed = check(SignInForm, input);
    const again = (status: number, problems: FieldProblem[], failure?: (t: ReturnType<typeof messages>) => string) =>
      app.pages.send(
        request,
        reply,
        lang,
        ({ t }) => ({ title: t("accounts.signIn.title"), body: <SignInPage input={{ email: input.email, next: input.next }} problems={problems} failure={failure?.(t)} /> }),
        { status },
      );
    if (!parsed.ok) return again(400, parsed.problems);
    const result = await accounts.signIn(db, parsed.value.email, parsed.value.password, sessionSecret(request));
    if (!result.ok) {
      if (result.reason === "locked") {
        reply.header("Retry-After", String((result.retryAfterMinutes ?? 1) * 60));
        return again(429, [], (t) => t("accounts.signIn.locked", { minutes: result.retryAfterMinutes ?? 1 }));
      }
      return again(401, [], (t) => t("accounts.signIn.failed"));
    }
    setSessionCookie(request, reply, result.secret);
    return reply.redirect(safeNext(parsed.value.next, `/${lang}/admin`), 303);
  });

  app.post("/:lang/sign-out", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const secret = sessionSecret(request);
    if (secret) await accounts.signOut(db, secret);
    clearSessionCookie(request, reply);
    return reply.redirect(`/${request.params.lang}/sign-in?done=signed-out`, 303);
  });

  // --- Forgotten passwords and invitations ---------------------------------------------------

  app.get("/:lang/password/forgot", { schema: { hide: true, params: LangParam } }, async (request, reply) =>
    app.pages.send(request, reply, request.params.lang, ({ t }) => ({ title: t("accounts.forgot.title"), body: <ForgotPage input={{ email: "" }} problems={[]} sent={false} /> }), {
      cache: false,
    }),
  );

  app.post("/:lang/password/forgot", { schema: { hide: true, params: LangParam }, config: formLimit }, async (request, reply) => {
    const { lang } = request.params;
    const input = formFields(request.body, ["email"]);
    const parsed = check(ForgotForm, input);
    if (parsed.ok) await accounts.requestPasswordReset(db, parsed.value.email, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("accounts.forgot.title"), body: <ForgotPage input={input} problems={parsed.ok ? [] : parsed.problems} sent={parsed.ok} /> }),
      { status: parsed.ok ? 200 : 400 },
    );
  });

  app.get("/:lang/password/:token", { schema: { hide: true, params: TokenParam } }, async (request, reply) => {
    const { lang, token } = request.params;
    const link = await accounts.checkPasswordLink(db, token);
    // The link's secret must not leak to other sites through the Referer header.
    reply.header("Referrer-Policy", "no-referrer");
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("accounts.password.choose"), body: <SetPasswordPage token={token} link={link} problems={[]} /> }), {
      status: link ? 200 : 410,
      cache: false,
    });
  });

  app.post("/:lang/password/:token", { schema: { hide: true, params: TokenParam }, config: formLimit }, async (request, reply) => {
    const { lang, token } = request.params;
    reply.header("Referrer-Policy", "no-referrer");
    const parsed = check(SetPasswordForm, formFields(request.body, ["password", "confirm"]));
    if (parsed.ok && (await accounts.setPasswordFromLink(db, token, parsed.value.password))) {
      return reply.redirect(`/${lang}/sign-in?done=password`, 303);
    }
    const link = await accounts.checkPasswordLink(db, token);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("accounts.password.choose"), body: <SetPasswordPage token={token} link={link} problems={parsed.ok ? [] : parsed.problems} /> }),
      { status: link ? 400 : 410 },
    );
  });

  // --- One's own account and API tokens -----------------------------------------------------

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    extra: { input?: { name: string; access: string }; problems?: FieldProblem[]; created?: string; notice?: string; status?: number },
  ) => {
    const [tokens, emailLang] = await Promise.all([accounts.listApiTokens(request.actor, db), accounts.emailLanguageOf(request.actor, db)]);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("accounts.account.title"),
        body: <AccountPage emailLang={emailLang} tokens={tokens} input={extra.input ?? { name: "", access: "read" }} problems={extra.problems ?? []} created={extra.created} notice={extra.notice} />,
      }),
      { status: extra.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/account", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const notice = doneNotice(request.query, ["revoked", "language"]);
    const notices = { revoked: "accounts.tokens.revokedNotice", language: "accounts.account.languageSaved" } as const;
    return accountPage(request, reply, lang, { notice: notice ? messages(lang)(notices[notice as keyof typeof notices]) : undefined });
  });

  app.post("/:lang/account/language", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    await accounts.setEmailLanguage(request.actor, db, formFields(request.body, ["emailLang"]).emailLang);
    return reply.redirect(`/${lang}/account?done=language`, 303);
  });

  app.post("/:lang/account/tokens", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const input = formFields(request.body, ["name", "access"]);
    const parsed = check(TokenForm, input);
    if (!parsed.ok) return accountPage(request, reply, lang, { input, problems: parsed.problems, status: 400 });
    // The new token is shown once, on this answer: no redirect that would have to carry it.
    const { token } = await accounts.createApiToken(request.actor, db, parsed.value);
    return accountPage(request, reply, lang, { created: token });
  });

  app.post(
    "/:lang/account/tokens/:id/revoke",
    { schema: { hide: true, params: IdParam } },
    async (request, reply) => {
      await accounts.revokeApiToken(request.actor, db, request.params.id);
      return reply.redirect(`/${request.params.lang}/account?done=revoked`, 303);
    },
  );

  // --- Administering accounts -----------------------------------------------------------------

  app.get("/:lang/admin/users", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const { input, parsed, links: query } = listFilters(request.query, ["q", "role"], UsersFilter);
    const filter = parsed.ok ? parsed.value : { page: 1 };
    const list = await accounts.listUsers(request.actor, db, { ...filter, limit: USERS_PAGE_SIZE, offset: (filter.page - 1) * USERS_PAGE_SIZE });
    const notice = doneNotice(request.query, ["invited", "saved"]);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("accounts.users.title"),
        body: (
          <UsersPage
            items={list.items}
            total={list.total}
            page={filter.page}
            pages={Math.max(1, Math.ceil(list.total / USERS_PAGE_SIZE))}
            input={input}
            query={query}
            notice={notice ? t(`accounts.users.done.${notice}`) : undefined}
          />
        ),
      }),
      { cache: false },
    );
  });

  const userForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    props: { user?: UserView; input: UserFormInput; problems?: FieldProblem[]; status?: number; notice?: string },
  ) => {
    const [economies, organizations, history] = await Promise.all([
      listEconomyChoices(db, lang),
      listOrganizationChoices(db, lang),
      props.user ? historyOf(db, { entity: "user", entityId: String(props.user.id) }, historyPageOf(request.query)) : Promise.resolve(undefined),
    ]);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: props.user ? t("accounts.users.editTitle", { email: props.user.email }) : t("accounts.users.inviteTitle"),
        body: (
          <UserFormPage
            user={props.user}
            input={props.input}
            problems={props.problems ?? []}
            economies={economies.map((e) => ({ value: e.code, label: e.name }))}
            organizations={organizations.map((o) => ({ value: o.slug, label: o.name }))}
            history={history}
            notice={props.notice}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  const emptyUser = (lang: Lang): UserFormInput => ({ email: "", name: "", role: "editor", lang, economy: "", organization: "", competition: "", disabled: "" });

  app.get("/:lang/admin/users/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    accounts.authorizeManage(request.actor);
    return userForm(request, reply, request.params.lang, { input: emptyUser(request.params.lang) });
  });

  app.post("/:lang/admin/users", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    accounts.authorizeManage(request.actor);
    return submitForm(request.body, reply, {
      fields: USER_FIELDS,
      save: async (input) => {
        // 400 (an unknown member or organization) or 409 (the address is taken): named at its field.
        await accounts.inviteUser(request.actor, db, config, validForm(UserForm, input), lang);
        return `/${lang}/admin/users?done=invited`;
      },
      show: (kept) => userForm(request, reply, lang, kept),
    });
  });

  app.get("/:lang/admin/users/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang, id } = request.params;
    const user = await accounts.getUser(request.actor, db, id);
    const notice = doneNotice(request.query, ["saved", "reinvited"]);
    return userForm(request, reply, lang, {
      user,
      input: { email: user.email, name: user.name, role: user.role, lang: user.lang, economy: user.economy ?? "", organization: user.organization ?? "", competition: user.competition === null ? "" : String(user.competition), disabled: user.status === "disabled" ? "yes" : "" },
      notice: notice ? messages(lang)(`accounts.users.done.${notice}`) : undefined,
    });
  });

  app.post("/:lang/admin/users/:id/invitation", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang, id } = request.params;
    await accounts.resendInvitation(request.actor, db, config, id);
    return reply.redirect(`/${lang}/admin/users/${id}?done=reinvited`, 303);
  });

  app.post("/:lang/admin/users/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang, id } = request.params;
    const user = await accounts.getUser(request.actor, db, id);
    return submitForm(request.body, reply, {
      fields: USER_FIELDS,
      save: async (input) => {
        await accounts.updateUser(request.actor, db, id, { ...validForm(UserForm, input), disabled: input.disabled === "yes" });
        return `/${lang}/admin/users/${id}?done=saved`;
      },
      show: (kept) => userForm(request, reply, lang, { user, ...kept }),
    });
  });

  // --- API --------------------------------------------------------------------------------------

  app.get(
    "/api/v1/me",
    {
      schema: {
        tags: ["accounts"],
        summary: "Who the request is authenticated as (send an API token as `Authorization: Bearer t4m_…`)",
        response: {
          200: z.object({
            signedIn: z.boolean(),
            email: z.string().nullable(),
            name: z.string().nullable(),
            role: RoleSchema.nullable(),
            economy: z.string().nullable(),
            organization: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const a = request.actor;
      return a.kind === "user"
        ? { signedIn: true, email: a.email, name: a.name, role: a.role, economy: grantOf(a, "economy"), organization: grantOf(a, "organization") }
        : { signedIn: false, email: null, name: null, role: null, economy: null, organization: null };
    },
  );

  app.get(
    "/api/v1/users",
    {
      schema: {
        tags: ["accounts"],
        summary: "Accounts (admins only)",
        querystring: UsersFilter.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }).omit({ page: true }).extend({
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(UserView), total: z.number().int() }) },
      },
    },
    async (request) => accounts.listUsers(request.actor, db, request.query),
  );
}
