import { Fragment } from "preact";
import { findSymbols, formatSymbol, symbolPath } from "../symbols/index.js";
import { usePage } from "./context.js";

/**
 * Text with every WTO document symbol it mentions linked to the document's page,
 * `/{lang}/documents/{symbol}` (see `symbolPath`: slashes kept, each segment URL-encoded,
 * parentheses left as they are; a joint symbol links to its first part). The rest of the text is
 * rendered as text, so Preact escapes it. The documents module answers that address with the
 * document, or with a page saying the symbol is not in the registry yet.
 */
export function Mentions({ text }: { text: string }) {
  const { lang } = usePage();
  const mentions = findSymbols(text);
  if (mentions.length === 0) return <>{text}</>;
  const pieces = [];
  let at = 0;
  for (const { start, end, symbol } of mentions) {
    if (start > at) pieces.push(text.slice(at, start));
    const canonical = formatSymbol(symbol);
    const written = text.slice(start, end);
    pieces.push(
      <a class="symbol" href={`/${lang}/documents/${symbolPath(symbol)}`} {...(written !== canonical ? { title: canonical } : {})}>
        {written}
      </a>,
    );
    at = end;
  }
  if (at < text.length) pieces.push(text.slice(at));
  return <>{pieces.map((piece, i) => <Fragment key={i}>{piece}</Fragment>)}</>;
}
