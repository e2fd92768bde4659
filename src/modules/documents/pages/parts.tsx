import { formatDate } from "../../../i18n/catalogue.js";
import { usePage } from "../../../ui/context.js";
import { documentPath } from "../present.js";
import type { DocumentSummary } from "../schema.js";

/** A symbol linking to its document's page (slashes kept in the address). */
export function DocumentLink({ symbol }: { symbol: string }) {
  const { lang } = usePage();
  return (
    <a href={`/${lang}${documentPath(symbol)}`} class="symbol">
      {symbol}
    </a>
  );
}

/** A title in a list: in the reader's language, else the one it was written in (marked), else a dash. */
export function DocumentTitle({ document: d }: { document: Pick<DocumentSummary, "title" | "titleLang" | "titleVerified"> }) {
  const { t, lang } = usePage();
  if (!d.title) return <>—</>;
  return (
    <>
      <span lang={d.titleLang && d.titleLang !== lang ? d.titleLang : undefined}>{d.title}</span>
      {!d.titleVerified && <span class="meta"> ({t("documents.titleOurs")})</span>}
    </>
  );
}

/** "Last verified on … by …", or "not yet verified". */
export function LastVerified({ document: d }: { document: Pick<DocumentSummary, "verifiedOn" | "verifiedBy"> }) {
  const { t, lang } = usePage();
  if (!d.verifiedOn) return <>{t("documents.notVerified")}</>;
  return <>{t("documents.verifiedOnBy", { date: formatDate(lang, d.verifiedOn), who: d.verifiedBy ?? "" })}</>;
}
