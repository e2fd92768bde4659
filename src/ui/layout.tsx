import type { ComponentChildren } from "preact";
import { LANGS } from "../i18n/lang.js";
import type { AdminNavEntry, NavEntry } from "../module.js";
import { assetUrl } from "./assets.js";
import { usePage } from "./context.js";

/** Each language named in itself, as people look for their own. */
export const LANGUAGE_NAMES = { en: "English", fr: "Français", es: "Español" } as const;

/** A feed a page carries: its name (`/{lang}/feeds/{name}.atom`) and the message key of its title. */
export interface FeedLink {
  name: string;
  title: string;
}

export interface LayoutProps {
  title: string;
  description?: string;
  /** Extras for the head (Open Graph, JSON-LD): what a content page says about itself to other sites. */
  head?: ComponentChildren;
  nav: NavEntry[];
  adminNav?: AdminNavEntry[];
  /** The feeds of the streams this page shows: announced in the head and linked below the page. */
  feeds?: FeedLink[];
  children: ComponentChildren;
}

/** The frame of every public page: skip link, header, navigation, language switcher, footer. */
export function Layout({ title, description, head, nav, adminNav = [], feeds = [], children }: LayoutProps) {
  const { lang, t, path, search, actor, csrf, origin } = usePage();
  const siteName = t("site.name");
  const feedUrl = (feed: FeedLink) => `/${lang}/feeds/${feed.name}.atom`;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === siteName ? siteName : `${title} · ${siteName}`}</title>
        {description && <meta name="description" content={description} />}
        <link rel="stylesheet" href={assetUrl("site.css")} />
        <link rel="icon" href={assetUrl("favicon.svg")} type="image/svg+xml" />
        {LANGS.map((other) => (
          <link key={other} rel="alternate" hrefLang={other} href={`${origin}/${other}${path}${search}`} />
        ))}
        <link rel="alternate" hrefLang="x-default" href={path === "/" ? `${origin}/` : `${origin}/en${path}${search}`} />
        {feeds.map((feed) => (
          <link key={feed.name} rel="alternate" type="application/atom+xml" title={t(feed.title)} href={`${origin}${feedUrl(feed)}`} />
        ))}
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={`/${lang}/`}>
              {siteName}
              <small>{t("site.tagline")}</small>
            </a>
            <nav class="site-nav" aria-label={t("layout.mainNavigation")}>
              <ul>
                {nav.map((entry) => (
                  <li key={entry.path}>
                    <a
                      href={`/${lang}${entry.path}`}
                      aria-current={path === entry.path || path.startsWith(`${entry.path}/`) ? "page" : undefined}
                    >
                      {t(entry.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <form class="site-search" method="get" action={`/${lang}/search`} role="search" aria-label={t("search.header.label")}>
              <label class="visually-hidden" for="site-search-q">
                {t("search.header.field")}
              </label>
              <input id="site-search-q" type="search" name="q" maxLength={200} autoComplete="off" />
              <button type="submit">{t("search.header.submit")}</button>
            </form>
            {actor.kind === "user" ? (
              <nav class="user-menu" aria-label={t("layout.userMenu")}>
                <ul>
                  <li>
                    <a href={`/${lang}/admin`} aria-current={path === "/admin" ? "page" : undefined}>
                      {t("layout.admin")}
                    </a>
                  </li>
                  <li>
                    <a href={`/${lang}/account`} aria-current={path === "/account" ? "page" : undefined}>
                      {t("layout.account", { name: actor.name })}
                    </a>
                  </li>
                  <li>
                    <form method="post" action={`/${lang}/sign-out`}>
                      <input type="hidden" name="_csrf" value={csrf} />
                      <button type="submit" class="link">
                        {t("layout.signOut")}
                      </button>
                    </form>
                  </li>
                </ul>
              </nav>
            ) : (
              <p class="user-menu">
                <a href={`/${lang}/sign-in`} aria-current={path === "/sign-in" ? "page" : undefined}>
                  {t("layout.signIn")}
                </a>
              </p>
            )}
            <nav class="lang-switch" aria-label={t("layout.language")}>
              <ul>
                {LANGS.map((other) => (
                  <li key={other}>
                    <a
                      href={`/${other}${path}${search}`}
                      hrefLang={other}
                      lang={other}
                      aria-current={other === lang ? "true" : undefined}
                    >
                      {LANGUAGE_NAMES[other]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <div class="wrap">
            {actor.kind === "user" && (path === "/admin" || path.startsWith("/admin/")) && (
              <nav class="admin-nav" aria-label={t("layout.adminNavigation")}>
                <ul>
                  <li>
                    <a href={`/${lang}/admin`} aria-current={path === "/admin" ? "page" : undefined}>
                      {t("admin.dashboard")}
                    </a>
                  </li>
                  {adminNav
                    .filter((e) => e.roles.includes(actor.role))
                    .map((e) => (
                      <li key={e.path}>
                        <a href={`/${lang}${e.path}`} aria-current={path === e.path || path.startsWith(`${e.path}/`) ? "page" : undefined}>
                          {t(e.label)}
                        </a>
                      </li>
                    ))}
                </ul>
              </nav>
            )}
            {children}
            {feeds.length > 0 && (
              <ul class="feeds">
                {feeds.map((feed) => (
                  <li key={feed.name}>
                    <a href={feedUrl(feed)} type="application/atom+xml">
                      {t("layout.feed", { title: t(feed.title) })}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t("layout.footer.about")}</p>
            <p>
              <a href="/api/openapi.json">{t("layout.footer.api")}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
