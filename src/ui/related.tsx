import type { RelatedSection } from "../module.js";

/** Other modules' sections on a record's page: a heading, a bounded list, a link to the rest. */
export function RelatedSections({ sections, idPrefix = "related" }: { sections: readonly RelatedSection[]; idPrefix?: string }) {
  return (
    <>
      {sections.map((section, i) => {
        const id = `${idPrefix}-${i}`;
        return (
          <section class="related" aria-labelledby={id} key={id}>
            <h2 id={id}>{section.title}</h2>
            <ul>
              {section.items.map((item) => (
                <li key={item.href}>
                  <a href={item.href} lang={item.lang}>
                    {item.label}
                  </a>
                  {item.meta && <span class="meta"> · {item.meta}</span>}
                </li>
              ))}
            </ul>
            {section.more && section.total > section.items.length && (
              <p>
                <a href={section.more.href}>{section.more.label}</a>
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}
