import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { messages } from "../../i18n/catalogue.js";
import { resolveText } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { IssueRow } from "./repo.js";
import type { NewsletterItem } from "./schema.js";

/** An issue in one language as an email: subject, plain text and HTML (everything escaped). */
export interface RenderedIssue {
  subject: string;
  text: string;
  html: string;
}

/** The issue's subject and introduction in `lang` only (no fallback: a newsletter is sent in its reader's language). */
export function issueTexts(issue: Pick<IssueRow, "subject" | "intro">, lang: Lang): { subject: string | null; intro: string | null } {
  const subject = resolveText(issue.subject, lang);
  const intro = resolveText(issue.intro, lang);
  return { subject: subject && !subject.fallback ? subject.text : null, intro: intro && !intro.fallback ? intro.text : null };
}

const bySection = (items: readonly NewsletterItem[]) => {
  const sections = new Map<string, NewsletterItem[]>();
  for (const item of items) sections.set(item.section, [...(sections.get(item.section) ?? []), item]);
  return sections;
};

/**
 * Renders an issue for one reader. `unsubscribe` is the reader's own link (absent in a preview
 * or a test, which say so instead).
 */
export function renderIssue(issue: Pick<IssueRow, "subject" | "intro" | "items">, lang: Lang, origin: string, unsubscribe?: string): RenderedIssue {
  const t = messages(lang);
  const { subject, intro } = issueTexts(issue, lang);
  const title = subject ?? t("newsletters.untitled");
  const sections = bySection(issue.items[lang] ?? []);
  const footer = unsubscribe ? t("newsletters.email.unsubscribe", { link: unsubscribe }) : t("newsletters.email.noUnsubscribe");

  const text = [
    title,
    "",
    ...(intro ? [intro, ""] : []),
    ...[...sections].flatMap(([section, items]) => [
      t(`newsletters.sections.${section}`),
      ...items.map((i) => `- ${i.title}${i.meta ? ` (${i.meta})` : ""}\n  ${origin}${i.url}`),
      "",
    ]),
    "--",
    t("newsletters.email.why"),
    footer,
  ].join("\n");

  const html = `<!doctype html>${renderToString(
    h(
      "html",
      { lang },
      h("head", null, h("meta", { charset: "utf-8" }), h("title", null, title)),
      h(
        "body",
        null,
        h("h1", null, title),
        intro ? intro.split(/\n{2,}/).map((p) => h("p", null, p)) : null,
        [...sections].map(([section, items]) =>
          h(
            "section",
            null,
            h("h2", null, t(`newsletters.sections.${section}`)),
            h(
              "ul",
              null,
              items.map((i) => h("li", null, h("a", { href: `${origin}${i.url}`, lang: i.lang }, i.title), i.meta ? ` (${i.meta})` : null)),
            ),
          ),
        ),
        h("hr", null),
        h("p", null, t("newsletters.email.why")),
        unsubscribe ? h("p", null, h("a", { href: unsubscribe }, t("newsletters.email.unsubscribeLink"))) : h("p", null, footer),
      ),
    ),
  )}`;
  return { subject: title, text, html };
}
