-- The MSME Group's meetings: open-ended meetings, dialogues with the private sector, dedicated
-- sessions, meetings of the Trade4MSMEs Network and other events, each with its agenda, the people
-- who addressed it, the presentations it received and the members it welcomed. Documents are
-- referred to by their WTO symbol in canonical form (INF/MSME/CN/15) until the document registry
-- can be referred to by key. Translatable texts follow src/i18n/content.ts.
create function t4m_symbol_ok(symbol text) returns boolean
  language sql immutable parallel safe
  as $$ select symbol ~ '^[A-Z][A-Za-z0-9()./]*(\s[–-]\s[A-Z][A-Za-z0-9()./]*)?$' and length(symbol) <= 120 $$;

create table meetings (
  id integer generated always as identity primary key,
  -- The day, then a word when two meetings share it: 2022-02-08, 2022-02-08-private-sector.
  slug text not null unique check (slug ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[a-z0-9]+)*$' and length(slug) <= 60),
  kind text not null check (kind in ('open_ended', 'private_sector', 'dedicated_session', 'network', 'other')),
  held_on date not null check (held_on >= '2017-12-13' and held_on < '2200-01-01'),
  -- The starting time in the meeting's own time zone, where known.
  starts_at time,
  time_zone text check (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$' and length(time_zone) <= 60),
  format text check (format in ('in_person', 'virtual', 'hybrid')),
  notice_symbol text check (t4m_symbol_ok(notice_symbol)),
  summary_symbol text check (t4m_symbol_ok(summary_symbol)),
  title jsonb not null default '{"values": {}}'::jsonb constraint meetings_title_shape check (t4m_translatable_ok(title, 200)),
  notes jsonb not null default '{"values": {}}'::jsonb constraint meetings_notes_shape check (t4m_translatable_ok(notes, 4000)),
  source text not null check (source <> '' and length(source) <= 500),
  updated_at timestamptz not null default now(),
  check (time_zone is null or starts_at is not null),
  check (notice_symbol is null or summary_symbol is null or notice_symbol <> summary_symbol)
);
create index meetings_held_on on meetings (held_on, id);

-- The agenda, in order: each item belongs to an annex of the 2020 MSME Package (1 to 6) or to a topic.
create table meeting_agenda_items (
  meeting_id integer not null references meetings (id) on delete cascade,
  position smallint not null check (position between 1 and 100),
  topic text not null check (topic in ('opening', 'work_programme', 'platform', 'package', 'other_bodies', 'external', 'network', 'champions', 'way_forward', 'ministerial', 'private_sector', 'other')),
  annex smallint check (annex between 1 and 6),
  title jsonb not null constraint meeting_agenda_title_shape check (t4m_translatable_ok(title, 300) and title ? 'source'),
  source text not null check (source <> '' and length(source) <= 500),
  primary key (meeting_id, position),
  check (annex is null or topic = 'package')
);

-- Who addressed the Group: a person (name, role or affiliation), for a member or an organization of
-- the Network when there is one; or a member or an organization speaking as such.
create table meeting_speakers (
  meeting_id integer not null references meetings (id) on delete cascade,
  position smallint not null check (position between 1 and 100),
  name text check (name <> '' and length(name) <= 200),
  role text check (role <> '' and length(role) <= 300),
  economy_code text references economies (code),
  organization_slug text references organizations (slug) on update cascade,
  source text not null check (source <> '' and length(source) <= 500),
  primary key (meeting_id, position),
  check (name is not null or economy_code is not null or organization_slug is not null)
);
create index meeting_speakers_economy on meeting_speakers (economy_code) where economy_code is not null;

-- What was presented, by whom: a member, an organization of the Network, or someone else (a person
-- or another body, named with their affiliation); on an agenda item of the meeting when known.
create table meeting_presentations (
  meeting_id integer not null references meetings (id) on delete cascade,
  position smallint not null check (position between 1 and 100),
  title jsonb not null constraint meeting_presentation_title_shape check (t4m_translatable_ok(title, 300) and title ? 'source'),
  presenter_kind text not null check (presenter_kind in ('member', 'organization', 'other')),
  economy_code text references economies (code),
  organization_slug text references organizations (slug) on update cascade,
  presenter_name text check (presenter_name <> '' and length(presenter_name) <= 200),
  presenter_affiliation text check (presenter_affiliation <> '' and length(presenter_affiliation) <= 200),
  -- A member that invited the presenter (Côte d'Ivoire invited GLEIF).
  invited_by text references economies (code),
  agenda_position smallint,
  source text not null check (source <> '' and length(source) <= 500),
  primary key (meeting_id, position),
  foreign key (meeting_id, agenda_position) references meeting_agenda_items (meeting_id, position) deferrable initially deferred,
  check (case presenter_kind
    when 'member' then economy_code is not null and organization_slug is null and presenter_name is null
    when 'organization' then organization_slug is not null and economy_code is null and presenter_name is null
    else presenter_name is not null and economy_code is null and organization_slug is null end)
);
create index meeting_presentations_organization on meeting_presentations (organization_slug) where organization_slug is not null;

-- The slides of a presentation, once the platform stores files (src/files/): one file per language.
-- Empty until uploads land; the key is the storage provider's.
create table meeting_presentation_slides (
  meeting_id integer not null,
  position smallint not null,
  lang text not null check (lang ~ '^[a-z]{2,3}$'),
  file_key text not null check (file_key <> '' and length(file_key) <= 300),
  primary key (meeting_id, position, lang),
  foreign key (meeting_id, position) references meeting_presentations (meeting_id, position) on delete cascade deferrable initially deferred
);

-- Members the Group welcomed at the meeting.
create table meeting_welcomed_members (
  meeting_id integer not null references meetings (id) on delete cascade,
  economy_code text not null references economies (code),
  source text not null check (source <> '' and length(source) <= 500),
  primary key (meeting_id, economy_code)
);
create index meeting_welcomed_economy on meeting_welcomed_members (economy_code);

-- Who coordinated the Group in a year.
create table group_coordinators (
  year smallint primary key check (year between 2017 and 2199),
  name text not null check (name <> '' and length(name) <= 200),
  title jsonb not null constraint group_coordinators_title_shape check (t4m_translatable_ok(title, 300)),
  economy_code text references economies (code),
  source text not null check (source <> '' and length(source) <= 500)
);
