-- Trade Policy Reviews and what they say about MSMEs: the reviews (one member, or several for a
-- joint review), the references found in their documents (with the MSME definition used, as
-- thresholds per size class so definitions compare across members), and the questions members
-- asked about MSMEs during a review with the answers. Document symbols are kept as canonical
-- text (WT/TPR/S/…, WT/TPR/G/…, WT/TPR/M/…) and linked to the document registry.
create table tpr_reviews (
  id bigint generated always as identity primary key,
  year smallint not null check (year between 1989 and 2100),
  cycle smallint check (cycle between 1 and 30),
  meeting_start date,
  meeting_end date,
  secretariat_report text check (secretariat_report ~ '^WT/TPR/S/[0-9A-Za-z/().\-]+$'),
  government_report text check (government_report ~ '^WT/TPR/G/[0-9A-Za-z/().\-]+$'),
  minutes text check (minutes ~ '^WT/TPR/M/[0-9A-Za-z/().\-]+$'),
  concluding_remarks text check (concluding_remarks <> '' and length(concluding_remarks) <= 200),
  -- Whether the government report has a section of its own on MSMEs (Annex 1 of the 2020 package).
  msme_section boolean not null default false,
  -- Whether the symbols and dates above were checked against the documents themselves.
  verified boolean not null default false,
  -- Entries written to show what the database holds, not taken from a document.
  illustrative boolean not null default false,
  note text check (note <> '' and length(note) <= 1000),
  source text not null check (source <> '' and length(source) <= 500),
  updated_at timestamptz not null default now(),
  check (meeting_end is null or meeting_start is not null and meeting_end >= meeting_start),
  check (meeting_start is null or extract(year from meeting_start) = year)
);

create table tpr_review_members (
  review_id bigint not null references tpr_reviews(id) on delete cascade,
  economy_code text not null references economies(code),
  primary key (review_id, economy_code)
);
create index tpr_review_members_economy on tpr_review_members (economy_code);

create table tpr_references (
  id bigint generated always as identity primary key,
  review_id bigint not null references tpr_reviews(id) on delete cascade,
  report_type text not null check (report_type in ('secretariat', 'government', 'minutes', 'concluding_remarks')),
  -- Where in the report: "para. 3.12", "p. 45", "section 4".
  location text check (location <> '' and length(location) <= 100),
  -- Written by us; a quote only when short and attributed (quote_source says whose words).
  summary text not null check (summary <> '' and length(summary) <= 2000),
  quote text check (quote <> '' and length(quote) <= 500),
  quote_source text check (quote_source <> '' and length(quote_source) <= 200),
  topics text[] not null default '{}' check (topics <@ array['msme_definition', 'msme_numbers', 'trade_share', 'finance', 'digitalization', 'procurement', 'export_promotion', 'women_led', 'trade_facilitation', 'support_programmes']::text[]),
  source_url text check (source_url ~ '^https://[^\s/?#]+\.[^\s]+$' and length(source_url) <= 300),
  illustrative boolean not null default false,
  verified boolean not null default false,
  updated_at timestamptz not null default now(),
  check ((quote is null) = (quote_source is null))
);
create index tpr_references_review on tpr_references (review_id);

-- The MSME definition a reference reports, per size class (and sector, where it differs by
-- sector): the upper bounds of employees, annual turnover and assets, with the currency.
create table tpr_definitions (
  reference_id bigint not null references tpr_references(id) on delete cascade,
  size_class text not null check (size_class in ('micro', 'small', 'medium')),
  sector text not null default '' check (length(sector) <= 60),
  employees_max integer check (employees_max between 0 and 100000),
  turnover_max numeric(20, 2) check (turnover_max >= 0),
  assets_max numeric(20, 2) check (assets_max >= 0),
  currency text check (currency ~ '^[A-Z]{3}$'),
  primary key (reference_id, size_class, sector),
  check (employees_max is not null or turnover_max is not null or assets_max is not null),
  check ((turnover_max is null and assets_max is null) or currency is not null)
);

-- Questions members asked about MSMEs during a review, and the answers given.
create table tpr_qas (
  id bigint generated always as identity primary key,
  review_id bigint not null references tpr_reviews(id) on delete cascade,
  asked_by text references economies(code),
  question text not null check (question <> '' and length(question) <= 2000),
  answer text check (answer <> '' and length(answer) <= 4000),
  -- Where it is written down, e.g. the minutes' addendum.
  document text check (document <> '' and length(document) <= 200),
  illustrative boolean not null default false,
  updated_at timestamptz not null default now()
);
create index tpr_qas_review on tpr_qas (review_id);
