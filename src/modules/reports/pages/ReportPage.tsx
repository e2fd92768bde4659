import type { ComponentChildren } from "preact";
import { usePage } from "../../../ui/context.js";
import type { Paragraph, ReportDraft, Section } from "../draft.js";

function Para({ p }: { p: Paragraph }) {
  const { lang } = usePage();
  return (
    <p class={p.narrative ? "narrative" : undefined} lang={p.lang}>
      {p.runs.map((r, i) =>
        "symbol" in r ? (
          <a key={i} class="symbol" href={`/${lang}/documents/${r.path}`}>
            {r.symbol}
          </a>
        ) : "href" in r ? (
          <a key={i} href={r.href}>
            {r.text}
          </a>
        ) : (
          r.text
        ),
      )}
    </p>
  );
}

function Part({ section, depth, id }: { section: Section; depth: number; id: string }) {
  const Heading = (depth === 0 ? "h2" : depth === 1 ? "h3" : "h4") as "h2";
  return (
    <section aria-labelledby={id}>
      <Heading id={id}>{section.heading}</Heading>
      {section.paragraphs.map((p, i) => (
        <Para key={i} p={p} />
      ))}
      {section.subsections.map((s, i) => (
        <Part key={`${id}-${i}`} section={s} depth={depth + 1} id={`${id}-${i + 1}`} />
      ))}
    </section>
  );
}

/** The report itself, as the public page and the back office show it. */
export function ReportBody({ draft, idPrefix = "report" }: { draft: ReportDraft; idPrefix?: string }) {
  return (
    <article class="report" lang={draft.lang}>
      {draft.sections.map((s, i) => (
        <Part key={s.key} section={s} depth={0} id={`${idPrefix}-${i + 1}`} />
      ))}
    </article>
  );
}

export function ReportPage({ draft, years, children }: { draft: ReportDraft; years: number[]; children?: ComponentChildren }) {
  const { t, lang } = usePage();
  const base = `/${lang}/reports/annual/${draft.year}`;
  return (
    <>
      <h1>{draft.title}</h1>
      <p class="lede">{t("reports.page.lede")}</p>
      <p class="meta">{draft.status}</p>
      <p>
        {t("reports.page.formats")}: <a href={`${base}/report.docx`}>{t("reports.page.docx")}</a> · <a href={`${base}/report.pdf`}>{t("reports.page.pdf")}</a>
      </p>
      {years.length > 1 && (
        <nav aria-label={t("reports.page.otherYears")}>
          <ul class="inline">
            {years.map((y) => (
              <li key={y}>{y === draft.year ? <strong aria-current="page">{y}</strong> : <a href={`/${lang}/reports/annual/${y}`}>{y}</a>}</li>
            ))}
          </ul>
        </nav>
      )}
      {children}
      <ReportBody draft={draft} />
    </>
  );
}
