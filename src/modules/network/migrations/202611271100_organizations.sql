-- The organizations taking part in the Trade4MSMEs Network (development banks, international
-- organizations, UN regional commissions), identified by a stable lower-case slug (`itc`).
-- A network partner's account acts for exactly one of them.
create table organizations (
  slug text primary key check (slug ~ '^[a-z][a-z0-9-]{1,30}$'),
  acronym_en text not null check (acronym_en <> '' and length(acronym_en) <= 30),
  acronym_fr text not null check (acronym_fr <> '' and length(acronym_fr) <= 30),
  acronym_es text not null check (acronym_es <> '' and length(acronym_es) <= 30),
  name_en text not null check (name_en <> '' and length(name_en) <= 200),
  name_fr text not null check (name_fr <> '' and length(name_fr) <= 200),
  name_es text not null check (name_es <> '' and length(name_es) <= 200),
  kind text not null check (kind in ('development_bank', 'international_organization', 'regional_commission')),
  website text not null check (website ~ '^https://[^\s/?#]+\.[^\s]+$' and length(website) <= 300),
  -- A short profile the organization's partner keeps current, per language; null when not written.
  description_en text check (description_en <> '' and length(description_en) <= 2000),
  description_fr text check (description_fr <> '' and length(description_fr) <= 2000),
  description_es text check (description_es <> '' and length(description_es) <= 2000),
  -- The day the organization joined the Network, when a source records it.
  network_joined_on date check (network_joined_on >= '2022-06-08'),
  source text not null check (source <> ''),
  verified_on date,
  verified_by text check (verified_by <> ''),
  updated_at timestamptz not null default now(),
  check ((verified_on is null) = (verified_by is null)),
  -- Names and acronyms folded for matching typed text in any language: lower case, no accents.
  search_text text generated always as (
    lower(t4m_unaccent(
      slug || ' ' || acronym_en || ' ' || acronym_fr || ' ' || acronym_es || ' ' ||
      name_en || ' ' || name_fr || ' ' || name_es
    ))
  ) stored
);

create trigger organizations_changed after insert or update or delete or truncate on organizations
  for each statement execute function t4m_notify_change();
