import type { FieldProblem } from "../../../errors.js";
import { formatDateTime } from "../../../i18n/catalogue.js";
import { DataTable, ErrorSummary, Field, Form, Notice, Pagination } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import type { AttachmentRow, RecommendationRow } from "../repo.js";
import { DeclineInput, type RecommendationStatus, STATUSES } from "../schema.js";
import type { StepRow } from "../service.js";
import { lengthOf } from "../../../ui/limits.js";
import { StepsTable } from "./PublicPages.js";

export interface QueueList {
  items: RecommendationRow[];
  total: number;
  page: number;
  pages: number;
  counts: Record<string, number>;
}

export function QueuePage({ list, status }: { list: QueueList; status: RecommendationStatus | undefined }) {
  const { t, lang } = usePage();
  const query = new URLSearchParams(status ? { status } : {});
  return (
    <>
      <p>
        <a href={`/${lang}/admin`}>{t("recommendations.admin.backToDashboard")}</a>
      </p>
      <h1>{t("recommendations.admin.title")}</h1>
      <p>{t("recommendations.admin.lede")}</p>
      <nav aria-label={t("recommendations.admin.byStatus")}>
        <ul class="inline">
          <li>
            <a href={`/${lang}/admin/recommendations`} aria-current={status === undefined ? "page" : undefined}>
              {t("recommendations.admin.waiting", { count: (list.counts.received ?? 0) + (list.counts.under_review ?? 0) })}
            </a>
          </li>
          {STATUSES.map((s) => (
            <li key={s}>
              <a href={`/${lang}/admin/recommendations?status=${s}`} aria-current={status === s ? "page" : undefined}>
                {t(`recommendations.status.${s}`)} ({list.counts[s] ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {status === "unconfirmed" && (
        <Notice>
          <p>{t("recommendations.admin.unconfirmedNote")}</p>
        </Notice>
      )}
      <DataTable
        caption={status ? t(`recommendations.status.${status}`) : t("recommendations.admin.queueCaption")}
        rows={list.items}
        rowKey={(r) => String(r.id)}
        columns={[
          { header: t("recommendations.titleColumn"), rowHeader: true, cell: (r) => <a href={`/${lang}/admin/recommendations/${r.id}`}>{r.title}</a> },
          { header: t("recommendations.organization"), cell: (r) => r.organization ?? "" },
          { header: t("recommendations.statusColumn"), cell: (r) => t(`recommendations.status.${r.status}`) },
          { header: t("recommendations.admin.submittedAt"), cell: (r) => formatDateTime(lang, r.submitted_at) },
        ]}
      />
      <Pagination page={list.page} pages={list.pages} query={query} />
    </>
  );
}

export interface AdminDetail {
  row: RecommendationRow;
  attachments: AttachmentRow[];
  steps: StepRow[];
  meetings: { value: string; label: string }[];
}

export function RecommendationAdminPage({ detail, problems, input, notice }: { detail: AdminDetail; problems: FieldProblem[]; input: Record<string, string>; notice?: string }) {
  const { t, lang } = usePage();
  const { row } = detail;
  const base = `/${lang}/admin/recommendations/${row.id}`;
  const open = row.status === "received" || row.status === "under_review";
  return (
    <>
      <p>
        <a href={`/${lang}/admin/recommendations`}>{t("recommendations.admin.backToQueue")}</a>
      </p>
      <h1 lang={row.lang === lang ? undefined : row.lang}>{row.title}</h1>
      {notice && (
        <Notice>
          <p>{notice}</p>
        </Notice>
      )}
      <ErrorSummary problems={problems} />
      {row.status === "unconfirmed" && (
        <Notice>
          <p>{t("recommendations.admin.unconfirmedNote")}</p>
        </Notice>
      )}
      <dl class="facts">
        <dt>{t("recommendations.statusColumn")}</dt>
        <dd>
          <strong>{t(`recommendations.status.${row.status}`)}</strong>
        </dd>
        {row.symbol && (
          <>
            <dt>{t("recommendations.symbol")}</dt>
            <dd>
              <a href={`/${lang}/documents/${row.symbol}`}>{row.symbol}</a>
            </dd>
          </>
        )}
        <dt>{t("recommendations.form.submitter")}</dt>
        <dd>{row.submitter ?? ""}</dd>
        <dt>{t("recommendations.organization")}</dt>
        <dd>{row.organization ?? t("recommendations.noOrganization")}</dd>
        <dt>{t("recommendations.form.country")}</dt>
        <dd>{row.country ?? ""}</dd>
        <dt>{t("recommendations.form.email")}</dt>
        <dd>{row.email ?? ""}</dd>
        <dt>{t("recommendations.form.lang")}</dt>
        <dd>{row.lang}</dd>
        <dt>{t("recommendations.form.topics")}</dt>
        <dd>{row.topics.join(", ")}</dd>
        {detail.attachments.length > 0 && (
          <>
            <dt>{t("recommendations.form.attachment")}</dt>
            {detail.attachments.map((a) => (
              <dd key={a.position}>
                <a href={`${base}/attachments/${a.position}`}>{a.name}</a>
              </dd>
            ))}
          </>
        )}
        {row.decline_reason && (
          <>
            <dt>{t("recommendations.track.reason")}</dt>
            <dd>{row.decline_reason}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="text-title">
        <h2 id="text-title">{t("recommendations.text")}</h2>
        <div class="profile" lang={row.lang === lang ? undefined : row.lang}>
          {row.body.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      </section>
      {row.kind === "submission" && open && (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">{t("recommendations.admin.decide")}</h2>
          {row.status === "received" && (
            <Form action={`${base}/review`} label={t("recommendations.admin.startReview")}>
              <button type="submit">{t("recommendations.admin.startReview")}</button>
            </Form>
          )}
          {row.status === "under_review" && (
            <Form action={`${base}/issue`} label={t("recommendations.admin.issue")}>
              <p>{t("recommendations.admin.issueHint")}</p>
              <button type="submit">{t("recommendations.admin.issue")}</button>
            </Form>
          )}
          <Form action={`${base}/decline`} class="stack" label={t("recommendations.admin.decline")}>
            <Field name="reason" label={t("recommendations.admin.reason")} hint={t("recommendations.admin.reasonHint")} problems={problems}>
              {(attrs) => (
                <textarea {...attrs} rows={4} {...lengthOf(DeclineInput, "reason")}>
                  {input.reason ?? ""}
                </textarea>
              )}
            </Field>
            <button type="submit">{t("recommendations.admin.decline")}</button>
          </Form>
        </section>
      )}
      {row.status !== "unconfirmed" && row.status !== "declined" && (
        <section aria-labelledby="meeting-title">
          <h2 id="meeting-title">{t("recommendations.meeting")}</h2>
          <Form action={`${base}/meeting`} class="stack" label={t("recommendations.admin.tag")}>
            <Field name="meeting" label={t("recommendations.admin.meetingField")} problems={problems}>
              {(attrs) => (
                <select {...attrs}>
                  <option value="">{t("recommendations.admin.noMeeting")}</option>
                  {detail.meetings.map((m) => (
                    <option key={m.value} value={m.value} selected={(input.meeting ?? String(row.meeting_id ?? "")) === m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit">{t("recommendations.admin.tag")}</button>
          </Form>
        </section>
      )}
      <StepsTable steps={detail.steps} caption={t("recommendations.track.history")} />
    </>
  );
}
