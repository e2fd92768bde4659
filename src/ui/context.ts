import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Actor } from "../actor.js";
import type { Translate } from "../i18n/catalogue.js";
import type { Lang } from "../i18n/lang.js";

/** What every page component needs to know about the request it renders. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  /** The path after the language prefix, e.g. `/members/UY` (used by the language switcher). */
  path: string;
  /** The query string, with its `?`, or "". */
  search: string;
  /** Who is looking: the layout shows a signed-in person their menu. */
  actor: Actor;
  /** Where the platform is reached, e.g. `https://trade4msmes.org` (no trailing slash): for absolute links. */
  origin: string;
  /** The CSRF token forms on this page send back; "" on pages that may be cached (no forms). */
  csrf: string;
}

export const Page = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const page = useContext(Page);
  if (!page) throw new Error("usePage() outside a rendered page");
  return page;
}
