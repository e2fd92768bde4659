-- The annual report of the MSME Group is drafted from the platform's records (meetings, members,
-- the Network); the Secretariat adds its own paragraphs to each section, in three languages.
create table report_narratives (
  year smallint not null check (year between 2017 and 2199),
  section text not null check (section in ('introduction', 'meetings', 'package', 'annex1', 'annex2', 'annex3', 'annex4', 'annex5', 'annex6', 'other', 'conclusion')),
  body jsonb not null constraint report_narratives_body_shape check (t4m_translatable_ok(body, 6000)),
  updated_at timestamptz not null default now(),
  primary key (year, section)
);

-- The report of a year as a WTO document: its symbol and date once the Group adopted it (or, for
-- earlier years, once it was issued). Until the document registry holds annual reports, the
-- symbol is kept here; the draft of the year stays reproducible from the records.
create table annual_reports (
  year smallint primary key check (year between 2017 and 2199),
  symbol text not null unique check (symbol ~ '^[A-Z][A-Za-z0-9()./]*$' and length(symbol) <= 120),
  dated date not null check (dated >= make_date(year::integer, 1, 1) and dated < make_date(year::integer + 2, 1, 1)),
  source text not null check (source <> '' and length(source) <= 500),
  updated_at timestamptz not null default now()
);
