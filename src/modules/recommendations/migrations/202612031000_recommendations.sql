-- Recommendations from traders and their representatives (the INF/MSME/P series). A submission
-- counts only once its contact address is confirmed through the emailed link; the Secretariat
-- then reviews it and issues it as a registry document (its INF/MSME/P symbol) or declines it.
-- Only the SHA-256 of a link's token is kept (the confirmation and the private tracking link).
create table recommendations (
  id bigint generated always as identity primary key,
  -- `record`: a recommendation known from a source (the annual report), not submitted here.
  kind text not null default 'submission' check (kind in ('submission', 'record')),
  status text not null default 'unconfirmed' check (status in ('unconfirmed', 'received', 'under_review', 'issued', 'declined')),
  submitter text check (length(submitter) between 1 and 200),
  organization text check (length(organization) between 1 and 200),
  country text references economies (code),
  email text check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  -- The language the submitter wrote in and is written to.
  lang text not null check (lang in ('en', 'fr', 'es')),
  title text not null check (length(title) between 1 and 300),
  body text not null check (length(body) between 1 and 20000),
  topics text[] not null default '{}' check (cardinality(topics) <= 20),
  title_written_by_us boolean not null default false,
  source text check (length(source) between 1 and 500),
  year int check (year between 2022 and 2200),
  -- The registry document it was issued as: one recommendation, at most one symbol, and a symbol
  -- (a registry document) behind at most one recommendation.
  symbol text unique,
  document_id integer unique references documents (id) on delete restrict,
  meeting_id integer references meetings (id) on delete set null,
  decline_reason text check (length(decline_reason) between 1 and 2000),
  attachment_key text unique,
  attachment_name text check (length(attachment_name) <= 200),
  attachment_type text,
  attachment_size bigint check (attachment_size >= 0),
  attachment_sha256 text check (attachment_sha256 ~ '^[0-9a-f]{64}$'),
  confirm_token_hash bytea unique,
  confirm_expires_at timestamptz,
  tracking_token_hash bytea unique,
  seed_key text unique,
  submitted_at timestamptz not null default now(),
  confirmed_at timestamptz,
  decided_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((confirm_token_hash is null) = (confirm_expires_at is null)),
  check ((symbol is null) = (document_id is null)),
  check (kind = 'record' or (email is not null and submitter is not null and tracking_token_hash is not null)),
  check (kind = 'submission' or (email is null and status = 'issued')),
  check (kind = 'record' or (status = 'issued') = (symbol is not null)),
  check ((status = 'declined') = (decline_reason is not null)),
  check (status = 'unconfirmed' or kind = 'record' or confirmed_at is not null),
  check ((attachment_key is null) = (attachment_sha256 is null))
);
create index recommendations_queue on recommendations (status, submitted_at, id);
create index recommendations_issued on recommendations (decided_at desc, id desc) where status = 'issued';

-- Each step of a recommendation's way, as its tracking page shows it.
create table recommendation_steps (
  id bigint generated always as identity primary key,
  recommendation_id bigint not null references recommendations (id) on delete cascade,
  status text not null check (status in ('unconfirmed', 'received', 'under_review', 'issued', 'declined')),
  at timestamptz not null default now(),
  note text check (length(note) <= 2000)
);
create index recommendation_steps_of on recommendation_steps (recommendation_id, at, id);
