-- The Group's events: information webinars, country webinars, MSME Day, ceremonies, promotional
-- events and the Coordinator's speaking engagements. An event is known to the day, the month or
-- the year (`precision`), or to the minute: then `starts_at` is the instant and `time_zone` the
-- IANA zone it is shown in (the zone of the place, or of the organizer for an online event).
create table events (
  slug text primary key check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  kind text not null check (kind in ('webinar', 'country_webinar', 'msme_day', 'ceremony', 'promotional', 'speaking')),
  title jsonb not null check (t4m_translatable_ok(title, 300) and title->>'source' is not null),
  summary jsonb not null default '{"values": {}}' check (t4m_translatable_ok(summary, 2000)),
  precision text not null check (precision in ('time', 'day', 'month', 'year')),
  -- The day it starts on, in its zone; the first of the month (or year) when only that is known.
  starts_on date not null,
  starts_at timestamptz,
  ends_at timestamptz,
  time_zone text not null default 'Europe/Zurich' check (time_zone ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$' and length(time_zone) <= 64),
  format text check (format in ('online', 'in_person', 'hybrid')),
  -- ISO 639-1 codes of the languages spoken (or interpreted); empty when not known.
  languages text[] not null default '{}' check (cardinality(languages) <= 10 and array_to_string(languages, ',') ~ '^([a-z]{2}(,[a-z]{2})*)?$'),
  location text check (location <> '' and length(location) <= 200),
  registration_url text check (registration_url ~ '^https://[^\s/?#]+\.[^\s]+$' and length(registration_url) <= 300),
  recording_url text check (recording_url ~ '^https://[^\s/?#]+\.[^\s]+$' and length(recording_url) <= 300),
  -- Meetings (by id) and guides (by slug) the event relates to, for the modules that will own them.
  related_meetings text[] not null default '{}' check (cardinality(related_meetings) <= 20),
  related_guides text[] not null default '{}' check (cardinality(related_guides) <= 20),
  source text not null check (source <> '' and length(source) <= 500),
  -- The title is ours (the source names the event without a title).
  title_written_by_us boolean not null default false,
  updated_at timestamptz not null default now(),
  check ((precision = 'time') = (starts_at is not null)),
  check (ends_at is null or (starts_at is not null and ends_at > starts_at)),
  check (precision <> 'month' or extract(day from starts_on) = 1),
  check (precision <> 'year' or (extract(day from starts_on) = 1 and extract(month from starts_on) = 1))
);
create index events_by_date on events (starts_on desc, slug);

