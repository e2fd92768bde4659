-- Newsletter subscribers, with double opt-in: a subscription (or a change of its preferences)
-- counts only once the emailed link is followed. Only the SHA-256 of a link's token is kept.
create table newsletter_subscribers (
  id bigint generated always as identity primary key,
  email text not null unique check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  lang text not null check (lang in ('en', 'fr', 'es')),
  topics text[] not null default '{}' check (cardinality(topics) <= 10),
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'unsubscribed')),
  -- What the open confirmation link will set (a new subscription, or new preferences).
  pending_lang text check (pending_lang in ('en', 'fr', 'es')),
  pending_topics text[],
  confirm_token_hash bytea unique,
  confirm_expires_at timestamptz,
  requested_at timestamptz not null default now(),
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  check ((confirm_token_hash is null) = (confirm_expires_at is null)),
  check (status <> 'confirmed' or confirmed_at is not null)
);
create index newsletter_subscribers_by_lang on newsletter_subscribers (lang, id) where status = 'confirmed';

-- An issue: a subject and an introduction per language, and the items composed from the latest
-- records. `record` issues are past newsletters known from a source, never sent from here.
create table newsletter_issues (
  id bigint generated always as identity primary key,
  kind text not null default 'issue' check (kind in ('issue', 'record')),
  subject jsonb not null check (t4m_translatable_ok(subject, 200) and subject->>'source' is not null),
  intro jsonb not null default '{"values": {}}' check (t4m_translatable_ok(intro, 5000)),
  -- Per language, the items as composed: [{ "section", "title", "url", "meta" }].
  items jsonb not null default '{}' check (jsonb_typeof(items) = 'object'),
  topics text[] not null default '{}',
  issued_on date,
  issued_precision text not null default 'day' check (issued_precision in ('day', 'year')),
  source text check (source <> ''),
  -- A stable key for seeded records (idempotent seeding).
  seed_key text unique,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One sending of an issue to the subscribers of one language.
create table newsletter_sends (
  issue_id bigint not null references newsletter_issues (id),
  lang text not null check (lang in ('en', 'fr', 'es')),
  started_by text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (issue_id, lang)
);

-- One subscriber's copy of one issue: claimed (`sending`, with a lease) before it is handed to the
-- SMTP server and marked `sent` after, so each subscriber gets an issue at most once per claim;
-- a claim whose lease ran out (the process died) is sent again with the same Message-ID.
create table newsletter_deliveries (
  id bigint generated always as identity primary key,
  issue_id bigint not null,
  lang text not null,
  subscriber_id bigint not null references newsletter_subscribers (id),
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'bounced', 'skipped')),
  message_id text not null unique,
  attempts int not null default 0 check (attempts >= 0),
  lease_until timestamptz,
  sent_at timestamptz,
  last_error text,
  unique (issue_id, subscriber_id),
  foreign key (issue_id, lang) references newsletter_sends (issue_id, lang),
  check ((status = 'sent') = (sent_at is not null)),
  check (status <> 'sending' or lease_until is not null)
);
create index newsletter_deliveries_to_send on newsletter_deliveries (issue_id, lang, id) where status in ('pending', 'sending');

-- The unsubscribe links sent (one per message handed to the server), by the SHA-256 of their token.
create table newsletter_unsubscribe_links (
  token_hash bytea primary key,
  subscriber_id bigint not null references newsletter_subscribers (id),
  created_at timestamptz not null default now()
);
create index newsletter_unsubscribe_links_by_subscriber on newsletter_unsubscribe_links (subscriber_id);
