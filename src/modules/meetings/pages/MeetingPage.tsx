import { formatDate } from "../../../i18n/catalogue.js";
import { shownFrom } from "../../../i18n/content.js";
import type { Lang } from "../../../i18n/lang.js";
import { Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { Mentions } from "../../../ui/mentions.js";
import type { RelatedSection } from "../../../module.js";
import { RelatedSections } from "../../../ui/related.js";
import type { MeetingDetail } from "../schema.js";
import { SymbolLink } from "./parts.js";

/** "Annex 6" for an item of the package, else its topic. */
export function AgendaTopic({ item }: { item: { topic: string; annex: number | null } }) {
  const { t } = usePage();
  return <>{item.annex ? t("meetings.annexOf", { annex: item.annex }) : t(`meetings.topics.${item.topic}`)}</>;
}

/** A text in the language it is written in, marked as such when it is not the page's. */
function InLang({ text, lang }: { text: string; lang: Lang }) {
  const page = usePage();
  return (
    <span lang={lang === page.lang ? undefined : lang}>
      <Mentions text={text} />
    </span>
  );
}

/** The notes as readers get them (their language, else the original, said so), symbols linked. */
function Notes({ meeting }: { meeting: MeetingDetail }) {
  const { t, lang } = usePage();
  const shown = shownFrom(lang, { text: meeting.notes, lang: meeting.notesLang, source: meeting.notesSourceLang, translations: meeting.translations });
  if (!shown) return <p class="meta">{t("meetings.noNotes")}</p>;
  const language = (l: Lang) => t(`content.languages.${l}`);
  return (
    <div class="translated">
      {shown.fallback && <p class="translation-note">{t("content.fallback", { wanted: language(lang), shown: language(shown.lang) })}</p>}
      {shown.outdated && <p class="translation-note">{t("content.outdated", { source: language(shown.source) })}</p>}
      <div class="translated-text" lang={shown.lang}>
        {shown.text
          .split(/\n\s*\n/)
          .filter((p) => p.trim() !== "")
          .map((p, i) => (
            <p key={i}>
              <Mentions text={p} />
            </p>
          ))}
      </div>
    </div>
  );
}

function When({ meeting }: { meeting: MeetingDetail }) {
  const { t, lang } = usePage();
  const day = formatDate(lang, meeting.date);
  return (
    <>
      <time dateTime={meeting.startsAt ? `${meeting.date}T${meeting.startsAt}` : meeting.date}>{day}</time>
      {meeting.startsAt && <> {t("meetings.at", { time: meeting.startsAt, zone: meeting.timeZone ?? "" })}</>}
    </>
  );
}

/** `titles`: the registry's titles of the notice and the summary, when it holds them. */
export function MeetingPage({ meeting, titles = {}, related = [] }: { meeting: MeetingDetail; titles?: Record<string, string>; related?: readonly RelatedSection[] }) {
  const { t, lang } = usePage();
  const m = meeting;
  const year = m.date.slice(0, 4);
  return (
    <>
      <p>
        <a href={`/${lang}/meetings?year=${year}`}>{t("meetings.backToYear", { year })}</a>
      </p>
      <h1>
        <InLang text={m.title} lang={m.titleLang} />
      </h1>
      <dl class="facts">
        <dt>{t("meetings.kind")}</dt>
        <dd>{t(`meetings.kinds.${m.kind}`)}</dd>
        <dt>{t("meetings.date")}</dt>
        <dd>
          <When meeting={m} />
        </dd>
        {m.format && (
          <>
            <dt>{t("meetings.format")}</dt>
            <dd>{t(`meetings.formats.${m.format}`)}</dd>
          </>
        )}
        <dt>{t("meetings.notice")}</dt>
        <dd>{m.noticeSymbol ? <SymbolLink symbol={m.noticeSymbol} title={titles[m.noticeSymbol]} /> : t("meetings.noneRecorded")}</dd>
        <dt>{t("meetings.summary")}</dt>
        <dd>{m.summarySymbol ? <SymbolLink symbol={m.summarySymbol} title={titles[m.summarySymbol]} /> : t("meetings.noneRecorded")}</dd>
        <dt>{t("meetings.source")}</dt>
        <dd>
          <Source source={m.source} />
        </dd>
      </dl>
      {m.welcomed.length > 0 && (
        <section aria-labelledby="welcomed-title">
          <h2 id="welcomed-title">{t("meetings.welcomed")}</h2>
          <ul>
            {m.welcomed.map((w) => (
              <li key={w.code}>
                <a href={`/${lang}/members/${w.code}`}>{w.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t("meetings.agenda")}</h2>
        {m.agenda.length === 0 ? (
          <p class="meta">{t("meetings.noAgenda")}</p>
        ) : (
          <ol>
            {m.agenda.map((a) => (
              <li key={a.position} id={`item-${a.position}`}>
                <InLang text={a.title} lang={a.titleLang} /> <span class="meta">({<AgendaTopic item={a} />})</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="speakers-title">
        <h2 id="speakers-title">{t("meetings.speakers")}</h2>
        {m.speakers.length === 0 ? (
          <p class="meta">{t("meetings.noSpeakers")}</p>
        ) : (
          <ul>
            {m.speakers.map((s) => (
              <li key={s.position}>
                {s.name && <strong>{s.name}</strong>}
                {s.name && s.role && ", "}
                {s.role}
                {(s.member || s.organization) && (
                  <>
                    {s.name || s.role ? " — " : ""}
                    {s.member && <a href={`/${lang}/members/${s.member.code}`}>{s.member.name}</a>}
                    {s.organization && <a href={`/${lang}/network/${s.organization.slug}`}>{s.organization.name}</a>}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="presentations-title">
        <h2 id="presentations-title">{t("meetings.presentations")}</h2>
        {m.presentations.length === 0 ? (
          <p class="meta">{t("meetings.noPresentations")}</p>
        ) : (
          <ol>
            {m.presentations.map((p) => (
              <li key={p.position} id={`presentation-${p.position}`}>
                <InLang text={p.title} lang={p.titleLang} />
                {" — "}
                {p.member && <a href={`/${lang}/members/${p.member.code}`}>{p.member.name}</a>}
                {p.organization && <a href={`/${lang}/network/${p.organization.slug}`}>{p.organization.name}</a>}
                {p.presenterName && (
                  <>
                    {p.presenterName}
                    {p.presenterAffiliation && <> ({p.presenterAffiliation})</>}
                  </>
                )}
                {p.invitedBy && (
                  <>
                    {" "}
                    <span class="meta">{t("meetings.invitedBy", { member: p.invitedBy.name })}</span>
                  </>
                )}
                {p.agendaPosition && (
                  <>
                    {" "}
                    <a class="meta" href={`#item-${p.agendaPosition}`}>
                      {t("meetings.onItem", { position: p.agendaPosition })}
                    </a>
                  </>
                )}
                {p.slides.length > 0 && (
                  <>
                    {" "}
                    <span class="meta">
                      {t("meetings.slides")}{" "}
                      {p.slides.map((f, i) => (
                        <span key={f.lang}>
                          {i > 0 && ", "}
                          <a href={f.url} hrefLang={f.lang} type={f.kind === "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.presentationml.presentation"}>
                            {t("meetings.slidesIn", { language: t(`content.languages.${f.lang}`), kind: f.kind.toUpperCase(), size: Math.max(0.1, Math.round((f.size / (1024 * 1024)) * 10) / 10) })}
                          </a>
                        </span>
                      ))}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t("meetings.notes")}</h2>
        <Notes meeting={m} />
      </section>
      <RelatedSections sections={related} />
      <p class="meta">
        <a href={`/api/v1/meetings/${m.id}?lang=${lang}`}>{t("list.json")}</a> · <a href={`/${lang}/meetings.ics`}>{t("meetings.calendar")}</a>
      </p>
    </>
  );
}
