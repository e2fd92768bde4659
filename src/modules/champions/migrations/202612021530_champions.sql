-- The Small Business Champions: one competition a year with its partners, its call (opening and
-- deadline, instants shown in `time_zone`), what the source reports of it (the number of
-- proposals, possibly approximate: "nearly 90"), and its results.
create table champion_competitions (
  year int primary key check (year between 2017 and 2100),
  name jsonb not null check (t4m_translatable_ok(name, 200) and name->>'source' is not null),
  theme jsonb not null default '{"values": {}}' check (t4m_translatable_ok(theme, 300)),
  -- Who runs it with the MSME Group (organization slugs of the Network, e.g. itc, or names).
  partners text[] not null default '{}' check (cardinality(partners) <= 10),
  call_opens_at timestamptz,
  call_closes_at timestamptz,
  time_zone text not null default 'Europe/Zurich' check (time_zone ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$'),
  -- The event it was launched at and the day its results were announced, when a source says.
  launched_at_event text check (launched_at_event ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  launched_on date,
  announced_on date,
  -- Proposals received, as the source reports them (`approximate`: "nearly 90").
  proposals_reported int check (proposals_reported >= 0),
  proposals_approximate boolean not null default false,
  -- How many winners the source reports, when it names fewer of them than it counts.
  winners_reported int check (winners_reported >= 0),
  source text not null check (source <> '' and length(source) <= 500),
  updated_at timestamptz not null default now(),
  check (call_closes_at is null or call_opens_at is null or call_closes_at > call_opens_at)
);

-- The winners and runners-up of a year, as named by a source.
create table champion_results (
  year int not null references champion_competitions (year),
  place text not null check (place in ('winner', 'runner_up')),
  position int not null check (position between 1 and 20),
  name text not null check (name <> '' and length(name) <= 300),
  -- As the source gives it: a country, or "Global".
  country text check (country <> '' and length(country) <= 100),
  source text not null check (source <> '' and length(source) <= 500),
  primary key (year, place, position)
);
