-- The platform's search index: one row per record, kind and language, filled by each module's
-- search provider (`PlatformModule.search`) in the transaction that changes the record, and
-- rebuilt by `trade4msmes search reindex`. Derived data: it can always be rebuilt from the records.

-- The accent-insensitive stemming configuration of a language (see the platform migration).
create or replace function t4m_search_config(lang text) returns regconfig
  language sql immutable parallel safe strict
  as $$ select case lang when 'fr' then 't4m_french'::regconfig when 'es' then 't4m_spanish'::regconfig else 't4m_english'::regconfig end $$;

create table search_documents (
  -- What the record is (`member`, `organization`, …) and its id within that kind (`UY`, `itc`).
  kind text not null check (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
  record_id text not null check (record_id <> '' and length(record_id) <= 200),
  lang text not null check (lang in ('en', 'fr', 'es')),
  title text not null check (title <> '' and length(title) <= 1000),
  text text not null default '' check (length(text) <= 100000),
  -- The language the text is written in when not `lang` (shown untranslated): the snippet says so.
  text_lang text check (text_lang in ('en', 'fr', 'es')),
  -- Where a result leads: a path of this site.
  url text not null check (url ~ '^/[^/]' and length(url) <= 1000),
  -- Names, acronyms, codes and symbols in every language: matched without stemming and by prefix.
  names text not null default '' check (length(names) <= 10000),
  -- Public documents reach everyone's results; restricted ones never reach public results, except
  -- from `restricted_until` on (a document derestricted on a date), with no re-indexing needed.
  visibility text not null default 'public' check (visibility in ('public', 'restricted')),
  restricted_until timestamptz check (restricted_until is null or visibility = 'restricted'),
  updated_at timestamptz not null default now(),
  -- The title ranks above the text; both stemmed in the document's language, accents ignored.
  document tsvector generated always as (
    setweight(to_tsvector(t4m_search_config(lang), title), 'A') ||
    setweight(to_tsvector(t4m_search_config(lang), text), 'C')
  ) stored,
  -- Names and symbols word for word (`simple`, accents ignored).
  names_vector tsvector generated always as (setweight(to_tsvector('t4m_simple', names), 'A')) stored,
  -- Title and names folded (lower case, no accents), for trigram matching of mistyped words.
  terms text generated always as (lower(t4m_unaccent(title || ' ' || names))) stored,
  primary key (kind, record_id, lang)
);

create index search_documents_document on search_documents using gin (document);
create index search_documents_names on search_documents using gin (names_vector);
create index search_documents_terms on search_documents using gin (terms gin_trgm_ops);
