import type { RelatedSection } from "../../../module.js";
import { Source } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { RelatedSections } from "../../../ui/related.js";
import type { Event } from "../schema.js";
import type { EventLink } from "../service.js";
import { EventWhen } from "./parts.js";

const languageName = (code: string, lang: string) => {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** The meetings or guides an event relates to, each linked to its page (its key alone when it is gone). */
function Links({ links }: { links: readonly EventLink[] }) {
  const { lang } = usePage();
  return (
    <ul>
      {links.map((l) => (
        <li key={l.key}>
          {l.href ? (
            <a href={l.href} lang={l.lang && l.lang !== lang ? l.lang : undefined}>
              {l.label}
            </a>
          ) : (
            l.label
          )}
          {l.meta && <span class="meta"> · {l.meta}</span>}
        </li>
      ))}
    </ul>
  );
}

export function EventPage({ event, links = { meetings: [], guides: [] }, related = [] }: { event: Event; links?: { meetings: EventLink[]; guides: EventLink[] }; related?: readonly RelatedSection[] }) {
  const { t, lang } = usePage();
  const e = event;
  return (
    <>
      <p>
        <a href={`/${lang}/events`}>{t("events.backToList")}</a>
      </p>
      <h1 lang={e.titleLang === lang ? undefined : e.titleLang}>{e.title}</h1>
      {e.titleWrittenByUs && <p class="meta">{t("events.titleWrittenByUs")}</p>}
      <dl class="facts">
        <dt>{t("events.kind")}</dt>
        <dd>{t(`events.kinds.${e.kind}`)}</dd>
        <dt>{t("events.when")}</dt>
        <dd>
          <EventWhen event={e} />
          {e.precision === "month" || e.precision === "year" ? <> {t(`events.precisionNote.${e.precision}`)}</> : null}
        </dd>
        {e.format && (
          <>
            <dt>{t("events.format")}</dt>
            <dd>{t(`events.formats.${e.format}`)}</dd>
          </>
        )}
        {e.location && (
          <>
            <dt>{t("events.location")}</dt>
            <dd>{e.location}</dd>
          </>
        )}
        {e.languages.length > 0 && (
          <>
            <dt>{t("events.languages")}</dt>
            <dd>{e.languages.map((code) => languageName(code, lang)).join(", ")}</dd>
          </>
        )}
        {e.registrationUrl && (
          <>
            <dt>{t("events.registration")}</dt>
            <dd>
              <a href={e.registrationUrl}>{t("events.register")}</a>
            </dd>
          </>
        )}
        {e.recordingUrl && (
          <>
            <dt>{t("events.recording")}</dt>
            <dd>
              <a href={e.recordingUrl}>{t("events.watch")}</a>
            </dd>
          </>
        )}
        {links.meetings.length > 0 && (
          <>
            <dt>{t("events.relatedMeetings")}</dt>
            <dd>
              <Links links={links.meetings} />
            </dd>
          </>
        )}
        {links.guides.length > 0 && (
          <>
            <dt>{t("events.relatedGuides")}</dt>
            <dd>
              <Links links={links.guides} />
            </dd>
          </>
        )}
        <dt>{t("events.source")}</dt>
        <dd>
          <Source source={e.source} />
        </dd>
      </dl>
      {e.summary && (
        <p class="profile" lang={e.summaryLang && e.summaryLang !== lang ? e.summaryLang : undefined}>
          {e.summary}
        </p>
      )}
      <RelatedSections sections={related} />
      <p class="meta">
        {e.calendar && (
          <>
            <a href={e.calendar}>{t("events.addToCalendar")}</a>
            {" · "}
          </>
        )}
        <a href={`/api/v1/events?lang=${lang}`}>{t("list.json")}</a>
      </p>
    </>
  );
}
