import { parseSymbol, symbolPath } from "../../../symbols/index.js";
import { usePage } from "../../../ui/context.js";

/** A document's page in the registry, its symbol's slashes kept: `/en/documents/INF/MSME/CN/15`. */
export function documentPath(lang: string, symbol: string): string {
  const parsed = parseSymbol(symbol);
  return `/${lang}/documents/${parsed.ok ? symbolPath(parsed.symbol) : symbol.split("/").map(encodeURIComponent).join("/")}`;
}

/** A WTO document symbol linking to its page in the registry (with its title when known). */
export function SymbolLink({ symbol, title }: { symbol: string; title?: string }) {
  const { lang } = usePage();
  return (
    <a href={documentPath(lang, symbol)} class="symbol">
      {symbol}
      {title ? <span class="meta"> — {title}</span> : null}
    </a>
  );
}
