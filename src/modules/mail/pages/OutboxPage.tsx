import { formatDateTime } from "../../../i18n/catalogue.js";
import { DataTable, Filters, Form, Notice, Pagination, choicesOf, SelectField } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { OUTBOX_STATUSES } from "../schema.js";

export interface OutboxRow {
  id: number;
  created_at: Date;
  kind: string;
  to_address: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  retryable: boolean;
  /** Its single-use link was forgotten (given up, or restored from a backup): it cannot go again. */
  link_gone: boolean;
}

export function OutboxPage({ items, total, page, pages, input, query, notice }: {
  items: OutboxRow[];
  total: number;
  page: number;
  pages: number;
  input: { status: string };
  query: URLSearchParams;
  notice?: string;
}) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("mail.admin.title")}</h1>
      <p class="lede">{t("mail.admin.lede")}</p>
      {notice && <Notice>{notice}</Notice>}
      <Filters action={`/${lang}/admin/outbox`} label={t("mail.admin.filters")} submit={t("mail.admin.apply")}>
        <SelectField
          name="status"
          label={t("mail.admin.status")}
          empty={t("mail.admin.anyStatus")}
          choices={choicesOf(OUTBOX_STATUSES, (s) => t(`mail.admin.statuses.${s}`))}
          value={input.status}
        />
      </Filters>
      <p aria-live="polite">{t("mail.admin.count", { count: total })}</p>
      <DataTable
        caption={t("mail.admin.caption")}
        rows={items}
        rowKey={(r) => String(r.id)}
        columns={[
          { header: t("mail.admin.queued"), rowHeader: true, cell: (r) => formatDateTime(lang, r.created_at) },
          { header: t("mail.admin.to"), cell: (r) => r.to_address },
          { header: t("mail.admin.subject"), cell: (r) => r.subject },
          {
            header: t("mail.admin.status"),
            cell: (r) => (
              <>
                {t(`mail.admin.statuses.${r.status}`)}
                {r.sent_at && ` · ${formatDateTime(lang, r.sent_at)}`}
                {r.attempts > 1 && ` · ${t("mail.admin.attempts", { count: r.attempts })}`}
                {r.last_error && r.status !== "sent" && <span class="meta"> · {r.last_error}</span>}
              </>
            ),
          },
          {
            header: t("mail.admin.action"),
            cell: (r) =>
              r.retryable ? (
                <Form action={`/${lang}/admin/outbox/${r.id}/retry`} label={t("mail.admin.retryTo", { to: r.to_address })}>
                  <button type="submit">{t("mail.admin.retry")}</button>
                </Form>
              ) : r.link_gone && r.status !== "sent" ? (
                t("mail.admin.linkGone")
              ) : (
                "—"
              ),
          },
        ]}
      />
      <Pagination page={page} pages={pages} query={query} />
    </>
  );
}
