import { formatDate } from "../../../i18n/catalogue.js";
import { Source } from "../../../ui/components.js";
import { parseSymbol, symbolPath } from "../../../symbols/index.js";
import { usePage } from "../../../ui/context.js";
import { Mentions } from "../../../ui/mentions.js";
import type { ImplementationItem, PackageCount } from "../schema.js";

/** A registry document symbol, linked to its page in the document registry (slashes kept). */
export function SymbolLink({ symbol, titles }: { symbol: string; titles?: ReadonlyMap<string, { text: string; lang: string }> }) {
  const { lang } = usePage();
  const parsed = parseSymbol(symbol);
  const path = parsed.ok ? symbolPath(parsed.symbol) : symbol.split("/").map(encodeURIComponent).join("/");
  const title = titles?.get(symbol);
  return (
    <>
      <a class="symbol" href={`/${lang}/documents/${path}`}>
        {symbol}
      </a>
      {title && (
        <>
          {" "}
          <span class="meta" lang={title.lang === lang ? undefined : title.lang}>
            {title.text}
          </span>
        </>
      )}
    </>
  );
}

/** Titles of registry documents by canonical symbol, in the reader's language (as the registry shows them). */
export type DocumentTitles = ReadonlyMap<string, { text: string; lang: string }>;

/** The record's date as precisely as it is known. */
export function RecordDate({ item }: { item: Pick<ImplementationItem, "date" | "datePrecision"> }) {
  const { t, lang } = usePage();
  if (!item.date) return <>{t("package.none")}</>;
  const day = formatDate(lang, item.date);
  return <>{item.datePrecision === "by" ? t("package.dateBy", { date: day }) : day}</>;
}

/** Everything that shows a record is right: document, TPR reference, link, meeting, source. */
export function EvidenceList({ item, titles }: { item: ImplementationItem; titles?: DocumentTitles }) {
  const { t, lang } = usePage();
  const e = item.evidence;
  return (
    <dl class="facts">
      <dt>{t("package.status")}</dt>
      <dd>{t(`package.statuses.${item.status}`)}</dd>
      <dt>{t("package.date")}</dt>
      <dd>
        <RecordDate item={item} />
      </dd>
      {e.document && (
        <>
          <dt>{t("package.document")}</dt>
          <dd>
            <SymbolLink symbol={e.document} titles={titles} />
          </dd>
        </>
      )}
      {e.tpr && (
        <>
          <dt>{t("package.tpr")}</dt>
          <dd>{e.tpr}</dd>
        </>
      )}
      {e.url && (
        <>
          <dt>{t("package.link")}</dt>
          <dd>
            <Source source={e.url} />
          </dd>
        </>
      )}
      {e.meeting && (
        <>
          <dt>{t("package.meeting")}</dt>
          <dd>
            {e.meeting.date ? formatDate(lang, e.meeting.date) : ""}
            {e.meeting.date && e.meeting.symbol ? " · " : ""}
            {e.meeting.symbol && <SymbolLink symbol={e.meeting.symbol} titles={titles} />}
          </dd>
        </>
      )}
      {item.source && (
        <>
          <dt>{t("package.source")}</dt>
          <dd>
            <Mentions text={item.source} />
          </dd>
        </>
      )}
      <dt>{t("package.admin.confirmation")}</dt>
      <dd>
        {t(`package.confirmations.${item.confirmation}`)}
        <br />
        <span class="meta">{t("package.reportedBy", { who: item.reportedBy, date: formatDate(lang, item.reportedOn) })}</span>
        {item.verifiedBy && item.verifiedOn && (
          <>
            <br />
            <span class="meta">{t("package.verifiedBy", { who: item.verifiedBy, date: formatDate(lang, item.verifiedOn) })}</span>
          </>
        )}
        {item.confirmedBy && item.confirmedOn && (
          <>
            <br />
            <span class="meta">{t("package.confirmedBy", { who: item.confirmedBy, date: formatDate(lang, item.confirmedOn) })}</span>
          </>
        )}
      </dd>
    </dl>
  );
}

/** A count reported without names, with its date and source. */
export function CountLine({ count }: { count: PackageCount }) {
  const { t, lang } = usePage();
  const day = formatDate(lang, count.asOf);
  return (
    <li>
      <strong>{t("package.annexN", { annex: count.annex })}</strong> ·{" "}
      {t("package.countLine", {
        when: count.asOfPrecision === "by" ? t("package.asOf", { date: day }) : t("package.onDay", { date: day }),
        what: t(`package.measures.${count.measure}`, { count: count.count }),
      })}
      {count.meetingSymbol && (
        <>
          {" "}
          (<SymbolLink symbol={count.meetingSymbol} />)
        </>
      )}
      <br />
      <span class="meta">
        {t("package.sourceLabel")} <Mentions text={count.source} />
      </span>
    </li>
  );
}
