import { ROLES } from "../../../actor.js";
import { LANGS } from "../../../i18n/lang.js";
import { LANGUAGE_NAMES } from "../../../ui/layout.js";
import type { FieldProblem } from "../../../errors.js";
import { formatDateTime } from "../../../i18n/catalogue.js";
import { DataTable, ErrorSummary, Field, Filters, Form, History, type HistoryEntry, Notice, Pagination, choicesOf, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import type { UserView } from "../schema.js";
import { lengthOf } from "../../../ui/limits.js";
import { UserForm, UsersFilter } from "../schema.js";

export interface Choice {
  value: string;
  label: string;
}

export function UsersPage({ items, total, page, pages, input, query, notice }: {
  items: UserView[];
  total: number;
  page: number;
  pages: number;
  input: { q: string; role: string };
  query: URLSearchParams;
  notice?: string;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("accounts.users.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p>
        <a class="button" href={`/${lang}/admin/users/new`}>
          {t("accounts.users.invite")}
        </a>
      </p>
      <Filters action={`/${lang}/admin/users`} label={t("accounts.users.filters")} submit={t("accounts.users.apply")}>
        <Field name="q" label={t("accounts.users.search")}>
          {(attrs) => <input {...attrs} type="search" value={input.q} {...lengthOf(UsersFilter, "q")} />}
        </Field>
        <SelectField name="role" label={t("accounts.fields.role")} empty={t("accounts.users.allRoles")} choices={choicesOf(ROLES, (r) => t(`accounts.roles.${r}`))} value={input.role} />
      </Filters>
      <p aria-live="polite">{t("accounts.users.count", { count: total })}</p>
      <DataTable
        caption={t("accounts.users.caption")}
        rows={items}
        rowKey={(u) => String(u.id)}
        columns={[
          { header: t("accounts.fields.email"), rowHeader: true, cell: (u) => <a href={`/${lang}/admin/users/${u.id}`}>{u.email}</a> },
          { header: t("accounts.fields.name"), cell: (u) => u.name },
          { header: t("accounts.fields.role"), cell: (u) => t(`accounts.roles.${u.role}`) },
          { header: t("accounts.fields.scope"), cell: (u) => u.economy ?? u.organization ?? (u.competition === null ? "—" : String(u.competition)) },
          { header: t("accounts.users.status"), cell: (u) => t(`accounts.status.${u.status}`) },
          { header: t("accounts.users.lastSignIn"), cell: (u) => (u.lastSignInAt ? formatDateTime(lang, u.lastSignInAt) : "—") },
        ]}
      />
      <Pagination page={page} pages={pages} query={query} />
    </>
  );
}

export interface UserFormInput {
  email: string;
  name: string;
  role: string;
  lang: string;
  economy: string;
  organization: string;
  competition: string;
  disabled: string;
}

/** What a delegate or a partner acts for: one member, or one organization ("—" for neither). */
function ScopeField({ name, hint, choices, value, problems }: { name: "economy" | "organization"; hint: string; choices: Choice[]; value: string; problems: FieldProblem[] }) {
  const { t } = usePage();
  return (
    <Field name={name} label={t(`accounts.fields.${name}`)} hint={t(hint)} problems={problems}>
      {(attrs) => (
        <select {...attrs}>
          <option value="">—</option>
          {choices.map((c) => (
            <option key={c.value} value={c.value} selected={value === c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function UserFormPage({ user, input, problems, economies, organizations, history, notice }: {
  /** Absent when inviting. */
  user?: UserView;
  input: UserFormInput;
  problems: FieldProblem[];
  economies: Choice[];
  organizations: Choice[];
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
}) {
  const { t, lang } = usePage();
  const action = user ? `/${lang}/admin/users/${user.id}` : `/${lang}/admin/users`;
  return (
    <>
      <p>
        <a href={`/${lang}/admin/users`}>{t("accounts.users.back")}</a>
      </p>
      <h1>{user ? t("accounts.users.editTitle", { email: user.email }) : t("accounts.users.inviteTitle")}</h1>
      {notice && <Notice>{notice}</Notice>}
      {!user && <p class="lede">{t("accounts.users.inviteLede")}</p>}
      {user && <p>{t("accounts.users.statusIs", { status: t(`accounts.status.${user.status}`) })}</p>}
      {user?.status === "invited" && (
        <Form action={`/${lang}/admin/users/${user.id}/invitation`} label={t("accounts.users.reinvite")}>
          <p>
            <button type="submit">{t("accounts.users.reinvite")}</button>
          </p>
        </Form>
      )}
      <ErrorSummary problems={problems} />
      <Form action={action} class="stack" label={user ? t("accounts.users.editTitle", { email: user.email }) : t("accounts.users.inviteTitle")}>
        <Field name="email" label={t("accounts.fields.email")} problems={problems}>
          {(attrs) => <input {...attrs} type="email" value={input.email} required {...lengthOf(UserForm, "email")} autoComplete="off" />}
        </Field>
        <Field name="name" label={t("accounts.fields.name")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input.name} required {...lengthOf(UserForm, "name")} autoComplete="off" />}
        </Field>
        <Field name="lang" label={t("accounts.fields.lang")} hint={t("accounts.users.langHint")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              {LANGS.map((l) => (
                <option key={l} value={l} selected={input.lang === l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SelectField name="role" label={t("accounts.fields.role")} hint={t("accounts.users.roleHint")} problems={problems} choices={choicesOf(ROLES, (r) => t(`accounts.roles.${r}`))} value={input.role} />
        <ScopeField name="economy" hint="accounts.users.economyHint" choices={economies} value={input.economy} problems={problems} />
        <ScopeField name="organization" hint="accounts.users.organizationHint" choices={organizations} value={input.organization} problems={problems} />
        <Field name="competition" label={t("accounts.fields.competition")} hint={t("accounts.users.competitionHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" inputMode="numeric" maxLength={4} value={input.competition} autoComplete="off" />}
        </Field>
        {user && (
          <div class="field">
            <label>
              <input type="checkbox" name="disabled" value="yes" checked={input.disabled === "yes"} /> {t("accounts.users.disabled")}
            </label>
          </div>
        )}
        <p>
          <button type="submit">{user ? t("form.save") : t("accounts.users.sendInvite")}</button>
        </p>
      </Form>
      {history && (
        <>
          <h2 id="history-title">{t("history.title")}</h2>
          <History entries={history.entries} paging={history} />
        </>
      )}
    </>
  );
}
