import { formatDate } from "../../../i18n/catalogue.js";
import { parseSymbol, symbolPath } from "../../../symbols/index.js";
import { usePage } from "../../../ui/context.js";
import type { Definition, Review } from "../schema.js";

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

/** "Switzerland, Liechtenstein". */
export const membersText = (review: Pick<Review, "members">) => review.members.map((m) => m.name).join(", ");

/** The review meeting's days, as far as they are known. */
export function MeetingDates({ review }: { review: Pick<Review, "meetingStart" | "meetingEnd" | "year"> }) {
  const { t, lang } = usePage();
  if (!review.meetingStart) return <>{t("reviews.yearOnly", { year: review.year })}</>;
  if (!review.meetingEnd || review.meetingEnd === review.meetingStart) return <>{formatDate(lang, review.meetingStart)}</>;
  return <>{t("reviews.meetingDates", { start: formatDate(lang, review.meetingStart), end: formatDate(lang, review.meetingEnd) })}</>;
}

/** A number as readers of the language write it. */
export const amount = (lang: string, n: number | null) => (n === null ? "—" : new Intl.NumberFormat(lang).format(n));

/** The definition's thresholds, one row per size class (and sector). */
export function DefinitionTable({ definition, caption }: { definition: readonly Definition[]; caption: string }) {
  const { t, lang } = usePage();
  const sectors = definition.some((d) => d.sector);
  return (
    <div class="table-wrap">
      <table class="definition">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reviews.sizeClass")}</th>
            {sectors && <th scope="col">{t("reviews.sector")}</th>}
            <th scope="col">{t("reviews.employees")}</th>
            <th scope="col">{t("reviews.turnover")}</th>
            <th scope="col">{t("reviews.assets")}</th>
          </tr>
        </thead>
        <tbody>
          {definition.map((d) => (
            <tr key={`${d.sizeClass}-${d.sector ?? ""}`}>
              <th scope="row">{t(`reviews.sizeClasses.${d.sizeClass}`)}</th>
              {sectors && <td>{d.sector ?? "—"}</td>}
              <td>{amount(lang, d.employeesMax)}</td>
              <td>{d.turnoverMax === null ? "—" : `${amount(lang, d.turnoverMax)} ${d.currency ?? ""}`}</td>
              <td>{d.assetsMax === null ? "—" : `${amount(lang, d.assetsMax)} ${d.currency ?? ""}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
