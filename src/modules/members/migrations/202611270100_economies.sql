-- WTO members (and the European Union), identified by ISO 3166-1 alpha-2 code, EU by "EU".
create table economies (
  code text primary key check (code ~ '^[A-Z]{2}$'),
  numeric_code text unique check (numeric_code ~ '^[0-9]{3}$'),
  region text not null check (region in ('africa', 'americas', 'asia', 'europe', 'oceania')),
  name_en text not null check (name_en <> ''),
  name_fr text not null check (name_fr <> ''),
  name_es text not null check (name_es <> ''),
  -- Date the economy became a WTO member; null for a non-member economy (e.g. a bloc's part that is not itself a WTO member).
  wto_member_since date,
  source text not null check (source <> ''),
  verified_on date,
  verified_by text,
  updated_at timestamptz not null default now(),
  -- Names folded for matching typed text in any language: lower case, no accents.
  search_text text generated always as (
    lower(t4m_unaccent(name_en || ' ' || name_fr || ' ' || name_es || ' ' || code))
  ) stored
);
create index economies_search_trgm on economies using gin (search_text gin_trgm_ops);

-- Economies made of other economies, over time: the European Union and its member states.
create table economy_parts (
  whole_code text not null references economies (code) on delete cascade,
  part_code text not null references economies (code) on delete cascade,
  from_date date not null,
  to_date date,
  source text not null check (source <> ''),
  primary key (whole_code, part_code, from_date),
  check (whole_code <> part_code),
  check (to_date is null or to_date > from_date)
);

-- Membership of a plurilateral group, e.g. the Informal Working Group on MSMEs ('msme').
-- joined_precision says what joined_on means: the exact day, the month, or "a member by then"
-- when only a document dated joined_on attests the membership.
create table group_memberships (
  group_code text not null check (group_code in ('msme')),
  economy_code text not null references economies (code),
  joined_on date not null,
  joined_precision text not null default 'day' check (joined_precision in ('day', 'month', 'by')),
  left_on date,
  note text,
  source text not null check (source <> ''),
  verified_on date,
  verified_by text,
  updated_at timestamptz not null default now(),
  primary key (group_code, economy_code),
  check (left_on is null or left_on > joined_on)
);
create index group_memberships_economy on group_memberships (economy_code);

create trigger economies_changed after insert or update or delete or truncate on economies
  for each statement execute function t4m_notify_change();
create trigger economy_parts_changed after insert or update or delete or truncate on economy_parts
  for each statement execute function t4m_notify_change();
create trigger group_memberships_changed after insert or update or delete or truncate on group_memberships
  for each statement execute function t4m_notify_change();
