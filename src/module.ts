import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { Command } from "commander";
import type { ComponentChildren } from "preact";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { Actor, Role } from "./actor.js";
import type { Config } from "./config.js";
import type { Database } from "./db/connect.js";
import type { Db } from "./db/database.js";
import type { Translate } from "./i18n/catalogue.js";
import type { Lang } from "./i18n/lang.js";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppContext {
  config: Config;
  db: Db;
  /** Every module, for the few places that gather from all of them (the back-office dashboard). */
  modules?: readonly PlatformModule[];
}

/** A link in the back office's navigation, shown to the roles that can use it. */
export interface AdminNavEntry {
  /** Path after `/{lang}`, e.g. `/admin/members`. */
  path: string;
  label: string;
  roles: readonly Role[];
}

/** Something on the back-office dashboard that needs a person's attention. */
export interface Attention {
  /** Message key with a `{count}` placeholder. */
  message: string;
  /** Other values the message names (e.g. `{days}`). */
  values?: Record<string, string | number>;
  count: number;
  /** Path after `/{lang}` of the list that shows these items. */
  path: string;
}

/** A link from the home page and the main navigation to one part of the platform. */
export interface NavEntry {
  /** Path after `/{lang}`, e.g. `/members`. */
  path: string;
  /** Message keys of the link text and its one-line description. */
  label: string;
  description: string;
}

/** One public page, as `/sitemap.xml` lists it (once per language, with the others as alternates). */
export interface SitemapEntry {
  /** Path after `/{lang}`, e.g. `/members/UY`; `/` for the home page. */
  path: string;
  /** When what the page shows last changed: an ISO date (`2026-11-27`) or date-time. */
  lastmod?: string;
  /** The languages the page exists in; all of them when left out. */
  langs?: readonly Lang[];
}

/** One dated item of a feed, in the language the feed was asked for. */
export interface FeedItem {
  /** Stable within the feed (e.g. `organization/itc/2026-11-27`); the platform makes it a URI. */
  id: string;
  title: string;
  /** Path after `/{lang}` of the page the item is about. */
  url: string;
  /** When the item last changed: an ISO date or date-time. */
  updated: string;
  summary?: string;
}

/**
 * A stream of dated items, served as Atom at `/{lang}/feeds/{name}.atom`. Modules declaring a feed
 * of the same name contribute to one feed: their items are merged, newest first.
 */
export interface FeedDefinition {
  /** Lower-case letters, digits and hyphens, e.g. `recently-verified`. */
  name: string;
  /** Message key of the feed's title. */
  title: string;
  /** The newest items, at most `limit`, newest first. */
  items(ctx: AppContext, lang: Lang, limit: number): Promise<FeedItem[]>;
  /** Paths after `/{lang}` of the pages that carry this stream: they announce and link to the feed. */
  shownOn?: string[];
}

/** What a module's command-line commands may use (`src/main.ts` gives it). */
export interface CliContext {
  /** The configuration, validated; an invalid one is reported and the process exits (code 2). */
  config(): Config;
  /** Opens the database (migrated; the embedded cluster started when needed), runs the work, closes it. */
  withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T>;
  /** A line on standard output (results) or standard error (problems). */
  say(line: string): void;
  warn(line: string): void;
  /**
   * A command several modules add subcommands to, created once: `group("import", …)` gives the
   * `import` command under which each module adds `import <kind>`.
   */
  group(name: string, description: string): Command;
}

/** A task run on a schedule by the job queue (graphile-worker's cron: once per tick across all nodes). */
export interface Schedule {
  /** One of the module's `tasks`. */
  task: string;
  /** Crontab pattern in UTC: minute hour day-of-month month day-of-week, e.g. `*\/15 * * * *`. */
  pattern: string;
}

/** A kind of record in the platform's search index, e.g. `member` or `organization`. */
export interface SearchKind {
  /** Stable name, stored in the index and used in `?kind=` (lower case, e.g. `member`). */
  name: string;
  /** Message key of the kind's label as a heading over its results, e.g. `members.searchIndex.kind`. */
  label: string;
}

/** One record of a kind, as the index knows it. */
export interface SearchRecord {
  kind: string;
  /** The record's identifier within its kind, e.g. `UY` or `itc`. */
  id: string;
}

/** One record's entry in the index, in one language (a record has one per language it is read in). */
export interface SearchDocument {
  /** The record it stands for (`id` within the kind). */
  id: string;
  lang: Lang;
  /** Ranked above the text; shown as the result's link. */
  title: string;
  /** What the record says, in `lang`: stemmed in that language and shown as a highlighted snippet. */
  text: string;
  /** The language `text` is written in, when it is not `lang` (a text shown untranslated, as its page shows it). */
  textLang?: Lang;
  /** Where the result leads: a path of this site, e.g. `/fr/members/UY`. */
  url: string;
  /**
   * Names, acronyms, codes and document symbols, in any language: matched word for word (accents
   * ignored, no stemming), by prefix, and for typos.
   */
  names: string;
  /**
   * Who may find it. `restricted` documents never reach public results; with `restrictedUntil`
   * they do from that moment on (a document derestricted on a date), without re-indexing.
   */
  visibility: "public" | "restricted";
  restrictedUntil?: Date | null;
}

/**
 * How a module fills the platform's search index (`src/modules/search/`). The index follows every
 * change recorded with `recordChanges` (audit) in the same transaction: `affected` names the records
 * a change touches and `documents` gives their new entries; `trade4msmes search reindex` rebuilds
 * everything from `ids`.
 */
export interface SearchProvider {
  kinds: SearchKind[];
  /**
   * The records a recorded change affects (none when it is not indexed): e.g. a change to the
   * `group_membership` `msme:UY` affects the `member` `UY`.
   */
  affected(change: { entity: string; entityId: string }): SearchRecord[];
  /**
   * The documents of these records of one kind, every language of each; a record that no longer
   * exists (or is not to be found at all) has none. Reads through `db`, the transaction of the change.
   */
  documents(db: Db, kind: string, ids: readonly string[]): Promise<SearchDocument[]>;
  /** Every record id of a kind, for a rebuild. */
  ids(db: Db, kind: string): Promise<string[]>;
  /**
   * When the whole query names one record of the module that the actor may see (a document's
   * symbol, `INF/MSME/R/31`), the path after `/{lang}` of its page: the search page goes straight
   * there (303) instead of listing results. Null when the query names none.
   */
  direct?(db: Db, actor: Actor, q: string): Promise<string | null>;
}

/** One link of a related section: a record of another module. */
export interface RelatedItem {
  /** Path of this site, with its language (e.g. `/fr/agreements/123`). */
  href: string;
  label: string;
  /** A short line under the label (a date, a status), already in the reader's language. */
  meta?: string;
  /** The language `label` is written in when it is not the page's (an untranslated title). */
  lang?: Lang;
}

/** What another module shows on a record's page: "Agreements" on a member's page. */
export interface RelatedSection {
  /** The section's heading, in the reader's language. */
  title: string;
  /** At most the provider's own bound (10 is a good one), in the order to show them. */
  items: RelatedItem[];
  /** How many there are in all; with more than `items`, `more` links to the full list. */
  total: number;
  more?: { href: string; label: string };
}

/** Whose page a related section goes on, and the record there: a member by code, an organization by slug. */
export interface RelatedTarget {
  /** `member` (economy code), `organization` (slug), `document` (WTO symbol), `meeting` (slug), `event` (slug), `review` (id), … */
  on: string;
  id: string;
  actor: Actor;
  lang: Lang;
  t: Translate;
}

/**
 * A section a module adds to another module's record page, without either importing the other:
 * the agreements module lists a member's agreements on the member's page. The page that shows the
 * record asks every module through `relatedSections` (`src/http/related.ts`); a provider answers
 * only what `actor` may see, bounded, or null when it has nothing.
 */
export interface RelatedProvider {
  on: string;
  section(ctx: AppContext, target: RelatedTarget): Promise<RelatedSection | null>;
}

/**
 * One capability of the platform. `src/modules/index.ts` lists them; everything else a module
 * brings (migrations, messages) is found in its folder by convention.
 */
export interface PlatformModule {
  name: string;
  nav?: NavEntry[];
  /** The module's public pages, for `/sitemap.xml`: only what the public may see. */
  sitemap?(ctx: AppContext): AsyncIterable<SitemapEntry> | Promise<SitemapEntry[]>;
  /** The module's feeds, or its items in a feed another module also declares (same `name`). */
  feeds?: FeedDefinition[];
  /** The module's screens in the back office, and what on its dashboard needs attention. */
  admin?: {
    nav: AdminNavEntry[];
    attention?(actor: Actor, ctx: AppContext): Promise<Attention[]>;
  };
  /** Registers the module's API and page routes. */
  routes?(app: App, ctx: AppContext): void | Promise<void>;
  /**
   * Background tasks the module runs through the job queue (`src/jobs/`), by task name. A task
   * receives the JSON payload it was enqueued with; throwing makes the queue retry it later.
   */
  tasks?: Record<string, (payload: unknown, ctx: AppContext) => Promise<void>>;
  /** The module's command-line commands (`trade4msmes <command>`), added to the program. */
  cli?(program: Command, cli: CliContext): void;
  /** Tasks (from `tasks`) the job queue runs on a schedule. */
  schedules?: Schedule[];
  /**
   * Environment variables the module reads, validated with the platform's at start-up (every
   * problem listed together). Their values are on the `Config` under the same names.
   */
  env?: z.ZodRawShape;
  /**
   * Tables whose changes show on public pages: the platform installs the trigger that tells every
   * app node to drop its page cache (after migrations; nobody copies its SQL).
   */
  cacheTables?: readonly string[];
  /** Sections the module adds to other modules' record pages (see `RelatedProvider`). */
  related?: RelatedProvider[];
  /** What the module puts in the platform's search index (see `SearchProvider`). */
  search?: SearchProvider;
  /**
   * A section of the home page (the front door), in the modules' order, above the list of the
   * platform's parts: only what the public may see, bounded. The home page is cached like any
   * public page, so what it shows must come from tables the module lists in `cacheTables`.
   */
  home?(ctx: AppContext, page: { actor: Actor; lang: Lang; t: Translate }): Promise<ComponentChildren | null>;
  /** Loads the module's hand-curated demo facts; must be idempotent. */
  seed?(db: Db, log: (line: string) => void, config: Config): Promise<void>;
}
