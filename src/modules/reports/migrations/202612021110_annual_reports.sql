-- The annual report of the MSME Group is drafted from the platform's records (meetings, members,
-- the Network); the Secretariat adds its own paragraphs to each section, in three languages.
create table report_narratives (
  year smallint not null check (year between 2017 and 2199),
  section text not null check (section in ('introduction', 'meetings', 'package', 'annex1', 'annex2', 'annex3', 'annex4', 'annex5', 'annex6', 'other', 'conclusion')),
  body jsonb not null constraint report_narratives_body_shape check (t4m_translatable_ok(body, 6000)),
  updated_at timestamptz not null default now(),
  primary key (year, section)
);

-- A report the Group adopted: its symbol in the document registry and the day. Until the registry
-- holds annual reports, the symbol is kept here.
create table annual_reports (
  year smallint primary key check (year between 2017 and 2199),
  adopted_on date not null check (adopted_on > make_date(year::integer, 1, 1)),
  adopted_symbol text not null unique check (adopted_symbol ~ '^[A-Z][A-Za-z0-9()./]*$' and length(adopted_symbol) <= 120),
  updated_at timestamptz not null default now()
);
