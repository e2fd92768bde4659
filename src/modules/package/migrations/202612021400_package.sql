-- The December 2020 MSME Package (INF/MSME/4/Rev.2), annex by annex, member by member: one
-- implementation record per member and annex (its current state; its past is in the audit log).
-- A member's delegate (or the Secretariat) reports it and may mark it verified; the Secretariat
-- confirms it, and only confirmed records reach the public.
create table package_records (
  id bigint generated always as identity primary key,
  economy_code text not null references economies(code),
  annex smallint not null check (annex between 1 and 6),
  status text not null check (status in ('not_started', 'in_progress', 'done', 'not_applicable')),
  -- When the status was reached: that day, or at the latest that day ('by': e.g. reported at a meeting).
  status_on date check (status_on >= '2020-12-01'),
  status_precision text not null default 'day' check (status_precision in ('day', 'by')),
  -- Evidence, any of: a registry document symbol, a TPR reference, an https link, the meeting where it was reported.
  evidence_document text check (evidence_document <> '' and length(evidence_document) <= 200),
  evidence_tpr text check (evidence_tpr <> '' and length(evidence_tpr) <= 200),
  evidence_url text check (evidence_url ~ '^https://[^\s/?#]+\.[^\s]+$' and length(evidence_url) <= 300),
  meeting_on date check (meeting_on >= '2017-12-13'),
  meeting_symbol text check (meeting_symbol <> '' and length(meeting_symbol) <= 200),
  -- Where the fact comes from, when it was not reported on the platform itself (the annual report).
  source text check (source <> '' and length(source) <= 500),
  reported_by text not null check (reported_by <> ''),
  reported_on date not null,
  verified_by text check (verified_by <> ''),
  verified_on date,
  confirmed_by text check (confirmed_by <> ''),
  confirmed_on date,
  updated_at timestamptz not null default now(),
  unique (economy_code, annex),
  check ((verified_on is null) = (verified_by is null)),
  check ((confirmed_on is null) = (confirmed_by is null)),
  -- Work under way or done has a date; a date has a status worth dating.
  check (status not in ('in_progress', 'done') or status_on is not null)
);
create index package_records_confirmed on package_records (annex, status) where confirmed_on is not null;

-- Counts reported where the names are not known (e.g. "39 members verified their national
-- information in the Global Trade Helpdesk by April 2022"), each with its source.
create table package_counts (
  id bigint generated always as identity primary key,
  annex smallint not null check (annex between 1 and 6),
  -- What was counted: a stable key whose words are in the message catalogues.
  measure text not null check (measure ~ '^[a-z][a-z_]{1,40}$'),
  count integer not null check (count >= 0 and count <= 1000),
  as_of date not null,
  as_of_precision text not null default 'by' check (as_of_precision in ('day', 'by')),
  meeting_symbol text check (meeting_symbol <> ''),
  source text not null check (source <> '' and length(source) <= 500),
  updated_at timestamptz not null default now(),
  unique (annex, measure, as_of)
);
-- The page-cache triggers come from the module's `cacheTables`.
