import type { Translate } from "../../i18n/catalogue.js";
import type { Lang } from "../../i18n/lang.js";
import { markdownToText, renderMarkdown } from "../../ui/markdown.js";
import type { GuideView } from "./pages/PublicPages.js";
import type * as knowledge from "./service.js";

/** A guide is long enough for a table of contents from this many sections or characters on. */
const TOC_SECTIONS = 4;
const TOC_CHARACTERS = 2500;

/** The guide's sections as sanitized HTML, with its glossary terms linked where they first appear. */
export function guideView(page: knowledge.GuidePage, lang: Lang, t: Translate, origin: string): GuideView {
  const rendered = renderMarkdown(page.shown.rest, {
    glossary: page.termsInText.map((term) => ({ term: term.term, href: `/${lang}/glossary/${term.slug}` })),
    externalLabel: t("knowledge.externalSite"),
    origin: origin || undefined,
  });
  const sections = rendered.headings.filter((h) => h.level === 2).length;
  return { page, html: rendered.html, headings: rendered.headings, toc: sections >= TOC_SECTIONS || page.shown.rest.length >= TOC_CHARACTERS };
}

/** schema.org for a guide: an Article, or a HowTo whose steps are its sections. */
export function guideLd(view: GuideView, url: string, siteName: string) {
  const { item, shown } = view.page;
  const base = {
    "@context": "https://schema.org",
    headline: shown.title,
    name: shown.title,
    description: shown.lede,
    inLanguage: shown.lang,
    url,
    dateModified: item.updatedAt,
    publisher: { "@type": "Organization", name: siteName },
    author: { "@type": "Organization", name: item.owner.name },
  };
  if (!item.steps) return { ...base, "@type": "Article" };
  return {
    ...base,
    "@type": "HowTo",
    step: shown.sections.map((s, i) => ({
      "@type": "HowToStep",
      position: i + 1,
      name: s.heading,
      text: markdownToText(s.body).slice(0, 1000),
      url: `${url}#${view.headings.filter((h) => h.level === 2)[i]?.id ?? ""}`,
    })),
  };
}

