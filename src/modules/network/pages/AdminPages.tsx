import type { FieldProblem } from "../../../errors.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { EMPTY_TEXT, type StoredText } from "../../../i18n/content.js";
import type { Lang } from "../../../i18n/lang.js";
import { lengthOf, maxLengthOf } from "../../../ui/limits.js";
import { TranslatableField } from "../../../ui/translatable.js";
import {
  DataTable,
  ErrorSummary,
  Field,
  Filters,
  Form,
  History,
  type HistoryEntry,
  Notice,
  Pagination,
  SelectField,
  Verified,
  choicesOf,
} from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { ORGANIZATION_KINDS, type Organization, OrganizationCreateInput, OrganizationsAdminFilter, Profile } from "../schema.js";

/** Every field an organization's forms may show, in the order a person fills them in. */
export const FORM_FIELDS = [
  "slug",
  "name_en",
  "name_fr",
  "name_es",
  "acronym_en",
  "acronym_fr",
  "acronym_es",
  "kind",
  "website",
  "profile",
  "network_joined_on",
  "source",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/**
 * What a form shows, as typed: every field is text until it is checked. The profile is one
 * control per language (`profile.en.text`, `profile.en.draft`, …: see src/i18n/content.ts).
 */
export type OrganizationFormInput = Partial<Record<string, string>>;

/** The language a field's text is written in (`name_fr` → `fr`), for screen readers and spell checkers. */
const fieldLang = (field: FormField): Lang | undefined => {
  const suffix = /_(en|fr|es)$/.exec(field)?.[1];
  return suffix as Lang | undefined;
};

export function OrganizationsAdminPage({ list, input, query, mayCreate, notice }: {
  list: { items: Organization[]; total: number; page: number; pages: number };
  input: { q: string };
  query: URLSearchParams;
  mayCreate: boolean;
  notice?: string;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("network.admin.backToDashboard")}</a>
      </p>
      <h1>{t("network.admin.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      <p class="lede">{mayCreate ? t("network.admin.ledeSecretariat") : t("network.admin.ledePartner")}</p>
      {mayCreate && (
        <p>
          <a class="button" href={`/${lang}/admin/network/new`}>
            {t("network.admin.new")}
          </a>
        </p>
      )}
      <Filters action={`/${lang}/admin/network`} label={t("network.filters")} submit={t("network.apply")}>
        <Field name="q" label={t("network.search")} hint={t("network.searchHint")}>
          {(attrs) => <input {...attrs} type="search" value={input.q} {...lengthOf(OrganizationsAdminFilter, "q")} autoComplete="off" />}
        </Field>
      </Filters>
      <p aria-live="polite">{t("network.count", { count: list.total })}</p>
      {list.items.length === 0 ? (
        <p>{t("network.none")}</p>
      ) : (
        <DataTable
          caption={t("network.admin.caption")}
          rows={list.items}
          rowKey={(o) => o.slug}
          columns={[
            { header: t("network.name"), rowHeader: true, cell: (o) => o.name },
            { header: t("network.acronym"), cell: (o) => (o.acronym === o.name ? "—" : o.acronym) },
            {
              header: t("network.admin.lastVerified"),
              cell: (o) =>
                o.verifiedOn
                  ? t("network.admin.verifiedCell", { date: formatDate(lang, o.verifiedOn), who: o.verifiedBy ?? "—" })
                  : t("network.admin.never"),
            },
            {
              header: t("network.admin.actions"),
              cell: (o) => (
                <a href={`/${lang}/admin/network/${o.slug}`} aria-label={t("network.admin.editLabel", { name: o.name })}>
                  {t("network.admin.edit")}
                </a>
              ),
            },
          ]}
        />
      )}
      <Pagination page={list.page} pages={list.pages} query={query} />
    </>
  );
}

/** The controls of one field of an organization's forms. */
function OrganizationField({ field, input, problems, profile }: { field: FormField; input: OrganizationFormInput; problems: FieldProblem[]; profile: StoredText }) {
  const { t } = usePage();
  const value = input[field] ?? "";
  const label = t(`network.admin.fields.${field}`);
  const lang = fieldLang(field);
  switch (field) {
    case "slug":
      return (
        <Field name={field} label={label} hint={t("network.admin.hints.slug")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={value} required {...lengthOf(OrganizationCreateInput, field)} pattern="[a-z][a-z0-9\-]{1,30}" autoComplete="off" />}
        </Field>
      );
    case "kind":
      return (
        <SelectField name={field} label={label} problems={problems} choices={choicesOf(ORGANIZATION_KINDS, (k) => t(`network.kinds.${k}`))} value={value} />
      );
    case "website":
      return (
        <Field name={field} label={label} hint={t("network.admin.hints.website")} problems={problems}>
          {(attrs) => <input {...attrs} type="url" value={value} required {...lengthOf(OrganizationCreateInput, field)} autoComplete="off" />}
        </Field>
      );
    case "profile":
      return (
        <TranslatableField
          name="profile"
          label={label}
          hint={t("network.admin.hints.profile", { max: maxLengthOf(Profile.text) ?? "" })}
          stored={profile}
          input={input}
          problems={problems}
          max={maxLengthOf(Profile.text)}
        />
      );
    case "network_joined_on":
      return (
        <Field name={field} label={label} hint={t("network.admin.hints.joined")} problems={problems}>
          {(attrs) => <input {...attrs} type="date" value={value} />}
        </Field>
      );
    case "source":
      return (
        <Field name={field} label={label} hint={t("network.admin.hints.source")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={value} required {...lengthOf(OrganizationCreateInput, field)} />}
        </Field>
      );
    default:
      // Names and acronyms, one per language.
      return (
        <Field name={field} label={label} problems={problems}>
          {(attrs) => <input {...attrs} type="text" lang={lang} value={value} required {...lengthOf(OrganizationCreateInput, field)} />}
        </Field>
      );
  }
}

export function OrganizationFormPage({ organization, profile = EMPTY_TEXT, fields, input, problems, history, notice }: {
  /** Absent when creating. */
  organization?: Organization;
  /** The profile as stored (each language's status); nothing when creating. */
  profile?: StoredText;
  /** The fields the actor may fill in. */
  fields: readonly string[];
  input: OrganizationFormInput;
  problems: FieldProblem[];
  history?: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
}) {
  const { t, lang } = usePage();
  const title = organization ? t("network.admin.editTitle", { name: organization.name }) : t("network.admin.newTitle");
  const shown = FORM_FIELDS.filter((f) => fields.includes(f));
  const action = organization ? `/${lang}/admin/network/${organization.slug}` : `/${lang}/admin/network`;
  return (
    <>
      <p>
        <a href={`/${lang}/admin/network`}>{t("network.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      {notice && <Notice>{notice}</Notice>}
      {organization && (
        <>
          <Verified on={organization.verifiedOn} by={organization.verifiedBy} />
          <p>
            <a href={`/${lang}/network/${organization.slug}`}>{t("network.admin.publicPage")}</a>
          </p>
        </>
      )}
      {!organization && <p class="lede">{t("network.admin.newLede")}</p>}
      <ErrorSummary problems={problems} />
      <Form action={action} class="stack" label={title}>
        {shown.map((field) => (
          <OrganizationField key={field} field={field} input={input} problems={problems} profile={profile} />
        ))}
        <p>
          <button type="submit">{organization ? t("form.save") : t("network.admin.create")}</button>
        </p>
      </Form>
      {organization && (
        <section aria-labelledby="verification-title">
          <h2 id="verification-title">{t("network.verification")}</h2>
          <p>{t("network.admin.verifyHint")}</p>
          <Form action={`/${lang}/admin/network/${organization.slug}/verify`} label={t("verified.action")}>
            <button type="submit">{t("verified.action")}</button>
          </Form>
        </section>
      )}
      {history && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t("history.title")}</h2>
          <History entries={history.entries} paging={history} />
        </section>
      )}
    </>
  );
}
