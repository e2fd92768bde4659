import { formatDate } from "../../../../i18n/catalogue.js";
import { DataTable, Field, Filters, Notice, Pagination, SelectField } from "../../../../ui/components.js";
import { usePage } from "../../../../ui/context.js";
import { lengthOf } from "../../../../ui/limits.js";
import { AdminMembersFilter } from "../../schema.js";

export interface AdminMemberRow {
  code: string;
  name: string;
  joinedOn: string | null;
  leftOn: string | null;
  verifiedOn: string | null;
  verifiedBy: string | null;
}

export function MembersAdminPage({ items, total, page, pages, input, query, mayCreate, notice }: {
  items: AdminMemberRow[];
  total: number;
  page: number;
  pages: number;
  input: { q: string; status: string; verified: string };
  query: URLSearchParams;
  mayCreate: boolean;
  notice?: string;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("members.admin.title")}</h1>
      {notice && <Notice>{notice}</Notice>}
      {mayCreate && (
        <p>
          <a class="button" href={`/${lang}/admin/members/new`}>
            {t("members.admin.new")}
          </a>
        </p>
      )}
      <Filters action={`/${lang}/admin/members`} label={t("members.filters")} submit={t("members.apply")}>
        <Field name="q" label={t("members.search")}>
          {(attrs) => <input {...attrs} type="search" value={input.q} {...lengthOf(AdminMembersFilter, "q")} />}
        </Field>
        <SelectField
          name="status"
          label={t("members.admin.status")}
          empty={t("members.admin.anyStatus")}
          choices={[
            { value: "member", label: t("members.admin.statusMember") },
            { value: "other", label: t("members.admin.statusOther") },
          ]}
          value={input.status}
        />
        <SelectField
          name="verified"
          label={t("members.admin.verified")}
          empty={t("members.admin.anyStatus")}
          choices={[
            { value: "yes", label: t("members.admin.verifiedYes") },
            { value: "no", label: t("members.admin.verifiedNo") },
          ]}
          value={input.verified}
        />
      </Filters>
      <p aria-live="polite">{t("members.admin.count", { count: total })}</p>
      <DataTable
        caption={t("members.admin.caption")}
        rows={items}
        rowKey={(m) => m.code}
        columns={[
          { header: t("members.name"), rowHeader: true, cell: (m) => <a href={`/${lang}/admin/members/${m.code}`}>{m.name}</a> },
          { header: t("members.code"), cell: (m) => m.code },
          { header: t("members.joined"), cell: (m) => (m.joinedOn ? formatDate(lang, m.joinedOn) : "—") },
          {
            header: t("members.lastVerified"),
            cell: (m) => (m.verifiedOn ? `${formatDate(lang, m.verifiedOn)}${m.verifiedBy ? ` (${m.verifiedBy})` : ""}` : t("members.notVerified")),
          },
        ]}
      />
      <Pagination page={page} pages={pages} query={query} />
    </>
  );
}
