import { usePage } from "../../../ui/context.js";
import { ANNEXES, type ImplementationItem } from "../schema.js";
import { type DocumentTitles, EvidenceList } from "./parts.js";

/** One member's full package record: each annex with its confirmed record and evidence. */
export function MemberRecordPage({ member, titles }: { member: { code: string; name: string; items: ImplementationItem[] }; titles?: DocumentTitles }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/package`}>{t("package.backToTracker")}</a> · <a href={`/${lang}/members/${member.code}`}>{member.name}</a>
      </p>
      <h1>{t("package.memberTitle", { name: member.name })}</h1>
      <p class="lede">{t("package.memberLede", { name: member.name })}</p>
      {ANNEXES.map((a) => {
        const item = member.items.find((i) => i.annex === a);
        return (
          <section key={a} aria-labelledby={`annex-${a}`}>
            <h2 id={`annex-${a}`}>{t("package.annexLabel", { annex: a, title: t(`package.annexes.${a}.title`) })}</h2>
            {item ? <EvidenceList item={item} titles={titles} /> : <p>{t("package.nothingConfirmed")}</p>}
          </section>
        );
      })}
      <p class="meta">
        <a href={`/api/v1/package/implementation?member=${member.code}&lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}
