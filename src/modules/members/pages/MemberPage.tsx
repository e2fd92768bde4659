import type { RelatedSection } from "../../../module.js";
import { RelatedSections } from "../../../ui/related.js";
import { formatDate } from "../../../i18n/catalogue.js";
import { shownFrom } from "../../../i18n/content.js";
import { Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { TranslatedText } from "../../../ui/translatable.js";
import type { MemberDetail } from "../schema.js";
import { JoinedOn } from "../collection.js";

export function MemberPage({ member, related = [] }: { member: MemberDetail; related?: readonly RelatedSection[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/members`}>{t("members.backToList")}</a>
      </p>
      <h1>{member.name}</h1>
      <dl class="facts">
        <dt>{t("members.code")}</dt>
        <dd>{member.code}</dd>
        <dt>{t("members.region")}</dt>
        <dd>{t(`regions.${member.region}`)}</dd>
        <dt>{t("members.wtoMemberSince")}</dt>
        <dd>{member.wtoMemberSince ? formatDate(lang, member.wtoMemberSince) : t("members.notWtoMember")}</dd>
        <dt>{t("members.msmeGroup")}</dt>
        <dd>{member.msme ? <JoinedOn member={member} /> : t("members.notMsmeMember")}</dd>
        {member.msme?.note && (
          <>
            <dt>{t("members.note")}</dt>
            <dd>
              <TranslatedText
                shown={shownFrom(lang, { text: member.msme.note, lang: member.msme.noteLang, source: member.msme.noteSourceLang, translations: member.msme.translations })}
              />
            </dd>
          </>
        )}
        {member.partOf.length > 0 && (
          <>
            <dt>{t("members.partOf")}</dt>
            <dd>
              {member.partOf.map((w, i) => (
                <>
                  {i > 0 && ", "}
                  <a href={`/${lang}/members/${w.code}`}>{w.name}</a>
                </>
              ))}
            </dd>
          </>
        )}
        <dt>{t("members.sources")}</dt>
        <dd>
          <Source source={member.source} />
          {member.msme && (
            <>
              {" · "}
              <Source source={member.msme.source} />
            </>
          )}
        </dd>
        <dt>{t("members.lastVerified")}</dt>
        <dd>
          {member.verifiedOn
            ? member.verifiedBy
              ? t("members.verifiedByOn", { date: formatDate(lang, member.verifiedOn), who: member.verifiedBy })
              : formatDate(lang, member.verifiedOn)
            : t("members.notVerified")}
        </dd>
      </dl>
      {member.parts.length > 0 && (
        <section aria-labelledby="parts-title">
          <h2 id="parts-title">{t("members.parts", { count: member.parts.length })}</h2>
          <ul>
            {member.parts.map((p) => (
              <li key={p.code}>
                <a href={`/${lang}/members/${p.code}`}>{p.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <RelatedSections sections={related} />
      <p class="meta">
        <a href={`/api/v1/members/${member.code}?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}
