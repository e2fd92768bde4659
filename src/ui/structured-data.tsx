/**
 * What a content page tells other sites about itself, for a page's `head` (PageContent.head):
 * Open Graph tags (link previews) and schema.org JSON-LD (search engines).
 */

/**
 * JSON for a `<script type="application/ld+json">`: the characters that could end the element or
 * start markup (`<`, `>`, `&`) and the two line separators JavaScript once refused are written as
 * `\u` escapes, which JSON reads back as the same text. So nothing an editor typed can close the
 * script element (`</script>`) or open a comment (`<!--`).
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A JSON-LD block (a data block, not a script: the content security policy does not apply to it). */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}

export interface OpenGraphProps {
  title: string;
  description?: string;
  /** The page's absolute address. */
  url: string;
  type?: "article" | "website";
  /** The page's language as Open Graph writes it, e.g. `fr_FR`. */
  locale: string;
  siteName: string;
}

export function OpenGraph({ title, description, url, type = "article", locale, siteName }: OpenGraphProps) {
  return (
    <>
      <meta property="og:type" content={type} />
      <meta property="og:title" content={title} />
      {description && <meta property="og:description" content={description} />}
      <meta property="og:url" content={url} />
      <meta property="og:locale" content={locale} />
      <meta property="og:site_name" content={siteName} />
    </>
  );
}
