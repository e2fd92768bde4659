import { grantOf } from "../../../actor.js";
import type { FieldProblem } from "../../../errors.js";
import { formatDateTime } from "../../../i18n/catalogue.js";
import { DataTable, ErrorSummary, Field, Form, Notice } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { LANGS } from "../../../i18n/lang.js";
import { LANGUAGE_NAMES } from "../../../ui/layout.js";
import { lengthOf } from "../../../ui/limits.js";
import { TokenForm } from "../schema.js";

export interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  access: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AccountPageProps {
  /** The language this person's emails are written in. */
  emailLang: string;
  tokens: TokenRow[];
  input: { name: string; access: string };
  problems: FieldProblem[];
  /** A token just created: shown this once, never again. */
  created?: string;
  notice?: string;
}

export function AccountPage({ emailLang, tokens, input, problems, created, notice }: AccountPageProps) {
  const { t, lang, actor } = usePage();
  if (actor.kind !== "user") return null;
  const economy = grantOf(actor, "economy");
  const scope = economy ?? grantOf(actor, "organization");
  return (
    <>
      <h1>{t("accounts.account.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <dl class="facts">
        <dt>{t("accounts.fields.name")}</dt>
        <dd>{actor.name}</dd>
        <dt>{t("accounts.fields.email")}</dt>
        <dd>{actor.email}</dd>
        <dt>{t("accounts.fields.role")}</dt>
        <dd>{t(`accounts.roles.${actor.role}`)}</dd>
        {scope && (
          <>
            <dt>{t(economy ? "accounts.fields.economy" : "accounts.fields.organization")}</dt>
            <dd>{scope}</dd>
          </>
        )}
      </dl>
      <p>
        <a href={`/${lang}/password/forgot`}>{t("accounts.account.changePassword")}</a>
      </p>
      <Form action={`/${lang}/account/language`} class="actions" label={t("accounts.fields.lang")}>
        <Field name="emailLang" label={t("accounts.fields.lang")}>
          {(attrs) => (
            <select {...attrs}>
              {LANGS.map((l) => (
                <option key={l} value={l} selected={emailLang === l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">{t("form.save")}</button>
      </Form>

      <h2 id="tokens">{t("accounts.tokens.title")}</h2>
      <p>{t("accounts.tokens.lede")}</p>
      {created && (
        <div class="notice" role="status">
          <p>{t("accounts.tokens.createdOnce")}</p>
          <p class="secret">{created}</p>
        </div>
      )}
      {tokens.length > 0 && (
        <DataTable
          caption={t("accounts.tokens.caption")}
          rows={tokens}
          rowKey={(r) => String(r.id)}
          columns={[
            { header: t("accounts.tokens.name"), rowHeader: true, cell: (r) => r.name },
            { header: t("accounts.tokens.prefix"), cell: (r) => <code>{r.prefix}…</code> },
            { header: t("accounts.tokens.access"), cell: (r) => t(`accounts.tokens.accessLevels.${r.access}`) },
            { header: t("accounts.tokens.created"), cell: (r) => formatDateTime(lang, r.created_at) },
            { header: t("accounts.tokens.lastUsed"), cell: (r) => (r.last_used_at ? formatDateTime(lang, r.last_used_at) : "—") },
            {
              header: t("accounts.tokens.status"),
              cell: (r) =>
                r.revoked_at ? (
                  t("accounts.tokens.revoked")
                ) : (
                  <Form action={`/${lang}/account/tokens/${r.id}/revoke`} label={t("accounts.tokens.revokeNamed", { name: r.name })}>
                    <button type="submit" class="danger">
                      {t("accounts.tokens.revoke")}
                    </button>
                  </Form>
                ),
            },
          ]}
        />
      )}
      <h3>{t("accounts.tokens.new")}</h3>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/account/tokens`} class="stack" label={t("accounts.tokens.new")}>
        <Field name="name" label={t("accounts.tokens.name")} hint={t("accounts.tokens.nameHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input.name} {...lengthOf(TokenForm, "name")} required />}
        </Field>
        <Field name="access" label={t("accounts.tokens.access")} problems={problems}>
          {(attrs) => (
            <select {...attrs}>
              {["read", "write"].map((a) => (
                <option key={a} value={a} selected={input.access === a}>
                  {t(`accounts.tokens.accessLevels.${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p>
          <button type="submit">{t("accounts.tokens.create")}</button>
        </p>
      </Form>
    </>
  );
}
