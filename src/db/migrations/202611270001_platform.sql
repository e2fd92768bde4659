-- Platform-wide database features that every module's search relies on.
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); indexes need an IMMUTABLE function.
-- Pinning the dictionary makes that promise true for this database.
create or replace function t4m_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Accent-insensitive stemming per language: the language's parser, then unaccent, then the stemmer.
do $$
declare lang text;
begin
  foreach lang in array array['english', 'french', 'spanish'] loop
    if not exists (select 1 from pg_ts_config where cfgname = 't4m_' || lang) then
      execute format('create text search configuration t4m_%s (copy = pg_catalog.%s)', lang, lang);
      execute format(
        'alter text search configuration t4m_%s alter mapping for hword, hword_part, word with public.unaccent, %s_stem',
        lang, lang);
    end if;
  end loop;
  if not exists (select 1 from pg_ts_config where cfgname = 't4m_simple') then
    create text search configuration t4m_simple (copy = pg_catalog.simple);
    alter text search configuration t4m_simple alter mapping for hword, hword_part, word with public.unaccent, simple;
  end if;
end $$;

-- Any change to published data tells every app node (LISTEN t4m_changes) to drop its page cache.
-- Attach it to a table with:
--   create trigger <table>_changed after insert or update or delete or truncate on <table>
--     for each statement execute function t4m_notify_change();
create or replace function t4m_notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('t4m_changes', tg_table_name);
  return null;
end $$;

-- Facts about this installation itself, e.g. when the demo data were loaded.
create table platform_state (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
