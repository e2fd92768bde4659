-- The platform's partners that are not participants of the Network: a strategic partner, a funder,
-- a partner for visibility. Shown on the Network's page apart from its participants.
create table platform_partners (
  slug text primary key check (slug ~ '^[a-z][a-z0-9-]{1,30}$'),
  name_en text not null check (name_en <> '' and length(name_en) <= 200),
  name_fr text not null check (name_fr <> '' and length(name_fr) <= 200),
  name_es text not null check (name_es <> '' and length(name_es) <= 200),
  role text not null check (role in ('strategic_partner', 'funder', 'visibility_partner')),
  -- The year the partnership is recorded in, when a source gives it.
  since_year int check (since_year between 2017 and 2100),
  source text not null check (source <> '' and length(source) <= 500),
  updated_at timestamptz not null default now()
);
