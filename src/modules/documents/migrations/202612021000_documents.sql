-- The registry of WTO documents the MSME Group works with: convening notices, summary reports,
-- working documents, submissions, ministerial documents, annual reports. A document is known by
-- its symbol in canonical form (`INF/MSME/W/35/Corr.1`, see src/modules/documents/symbol.ts).
create table documents (
  id integer generated always as identity primary key,
  symbol text not null unique check (symbol <> '' and length(symbol) <= 250),
  -- The symbol in lower case with every number padded to six digits, in byte order: the list sorts
  -- W/6 before W/35 and a prefix (`inf/msme/w/`) is one range of this index.
  symbol_sort text collate "C" not null check (symbol_sort = lower(symbol_sort) and symbol_sort <> ''),
  -- The series a number is issued in (`INF/MSME/P`) and the number (the kind's `P/n`).
  series text not null check (series <> '' and length(series) <= 250),
  number integer not null check (number >= 0),
  kind text not null check (kind in ('convening_notice', 'summary_report', 'working_document', 'private_sector_submission', 'ministerial', 'annual_report', 'other')),
  -- The day the document is dated, when a source gives it.
  date date check (date >= '1947-01-01'),
  -- The title, per language (src/i18n/content.ts); at most 500 characters a language.
  title jsonb not null default '{"values": {}}'::jsonb constraint documents_title_shape check (t4m_translatable_ok(title, 500)),
  -- False when the title was written for this platform, not read from the document itself.
  title_verified boolean not null default false,
  -- A restricted document is seen only by the Secretariat, until `restricted_until` when given.
  restriction text not null default 'public' check (restriction in ('public', 'restricted')),
  restricted_until date check (restricted_until is null or restriction = 'restricted'),
  -- What this document revises, corrects or adds to (a Rev., Corr. or Add. → its base).
  revises_id integer references documents (id) on delete restrict,
  constraint documents_not_own_revision check (revises_id <> id),
  source text not null check (source <> '' and length(source) <= 500),
  verified_on date,
  verified_by text check (verified_by <> ''),
  check ((verified_on is null) = (verified_by is null)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The published titles (drafts never), stemmed in their own language and word for word, accents
  -- ignored: the list's text filter.
  title_vector tsvector generated always as (
    to_tsvector('t4m_english'::regconfig, case when title #> '{values,en,draft}' is null then coalesce(title #>> '{values,en,text}', '') else '' end) ||
    to_tsvector('t4m_french'::regconfig, case when title #> '{values,fr,draft}' is null then coalesce(title #>> '{values,fr,text}', '') else '' end) ||
    to_tsvector('t4m_spanish'::regconfig, case when title #> '{values,es,draft}' is null then coalesce(title #>> '{values,es,text}', '') else '' end) ||
    to_tsvector('t4m_simple'::regconfig,
      case when title #> '{values,en,draft}' is null then coalesce(title #>> '{values,en,text}', '') else '' end || ' ' ||
      case when title #> '{values,fr,draft}' is null then coalesce(title #>> '{values,fr,text}', '') else '' end || ' ' ||
      case when title #> '{values,es,draft}' is null then coalesce(title #>> '{values,es,text}', '') else '' end)
  ) stored
);

-- With what the public's filter reads (restriction; and the date beside the symbols), so that
-- counting a range of symbols (in a year), a year or a kind reads the index alone (bench/documents.ts).
create unique index documents_symbol_sort on documents (symbol_sort) include (restriction, restricted_until, date);
create index documents_date on documents (date desc nulls last, symbol_sort) include (restriction, restricted_until);
create index documents_kind on documents (kind, symbol_sort) include (restriction, restricted_until);
create index documents_revises on documents (revises_id) where revises_id is not null;
create index documents_title_vector on documents using gin (title_vector);

-- The last number issued in each series (`INF/MSME/P` → 4): the next one is taken by one
-- `update … returning` in the issuing transaction, so two issues at once never get the same number
-- (the unique symbol is the backstop).
create table document_series (
  series text primary key check (series <> '' and length(series) <= 250),
  last_number integer not null check (last_number >= 0)
);

-- A document's language versions, one file per language, kept by the platform's file store.
create table document_files (
  document_id integer not null references documents (id) on delete cascade,
  lang text not null check (lang in ('en', 'fr', 'es')),
  storage_key text not null unique check (storage_key <> '' and length(storage_key) <= 300),
  name text not null check (name <> '' and length(name) <= 200),
  type text not null check (type in ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  size integer not null check (size > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_at timestamptz not null default now(),
  primary key (document_id, lang)
);
