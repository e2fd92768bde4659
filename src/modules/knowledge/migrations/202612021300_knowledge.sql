-- The public knowledge platform: guides for businesses and policymakers, the topics they belong
-- to, a glossary of trade terms and a directory of tools. Every translatable text is one jsonb
-- column in the kit's model (src/i18n/content.ts: a source language and per language a text with
-- its last edit), so missing and outdated translations are derived, never stored.
-- An item belongs to the Secretariat (owner_org null) or to one Network organization, whose
-- partners may edit it. Drafts are never shown to the public.

create table knowledge_topics (
  slug text primary key check (slug ~ '^[a-z][a-z0-9-]{1,60}$'),
  added_2022 boolean not null default false,
  title jsonb not null default '{"values": {}}'::jsonb check (t4m_translatable_ok(title, 200)),
  summary jsonb not null default '{"values": {}}'::jsonb check (t4m_translatable_ok(summary, 1000)),
  source text not null check (source <> '' and length(source) <= 500),
  owner_org text references organizations (slug) on update cascade,
  status text not null default 'draft' check (status in ('draft', 'published')),
  verified_on date,
  verified_by text check (verified_by <> '' and length(verified_by) <= 200),
  published_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((verified_on is null) = (verified_by is null)),
  check (status = 'draft' or published_at is not null)
);

create table knowledge_guides (
  slug text primary key check (slug ~ '^[a-z][a-z0-9-]{1,80}$'),
  audience text not null check (audience in ('business', 'policymaker')),
  track text check (track in ('goods', 'services', 'both')),
  -- The whole guide per language, as Markdown: "# The question", a lede, then "## " sections.
  body jsonb not null default '{"values": {}}'::jsonb check (t4m_translatable_ok(body, 40000)),
  -- Per translated language, the source text that translation was last made (or confirmed)
  -- against, so an editor sees what changed in the source since: {"fr": "# …"}.
  basis jsonb not null default '{}'::jsonb check (jsonb_typeof(basis) = 'object'),
  steps boolean not null default false,
  sources jsonb not null default '[]'::jsonb check (jsonb_typeof(sources) = 'array' and jsonb_array_length(sources) <= 30),
  owner_org text references organizations (slug) on update cascade,
  status text not null default 'draft' check (status in ('draft', 'published')),
  verified_on date,
  verified_by text check (verified_by <> '' and length(verified_by) <= 200),
  published_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((verified_on is null) = (verified_by is null)),
  check (status = 'draft' or published_at is not null)
);
create index knowledge_guides_audience on knowledge_guides (audience, track);
create index knowledge_guides_owner on knowledge_guides (owner_org);

create table knowledge_glossary (
  slug text primary key check (slug ~ '^[a-z][a-z0-9-]{1,60}$'),
  term jsonb not null default '{"values": {}}'::jsonb check (t4m_translatable_ok(term, 200)),
  definition jsonb not null default '{"values": {}}'::jsonb check (t4m_translatable_ok(definition, 2000)),
  source text not null check (source <> '' and length(source) <= 500),
  owner_org text references organizations (slug) on update cascade,
  status text not null default 'draft' check (status in ('draft', 'published')),
  verified_on date,
  verified_by text check (verified_by <> '' and length(verified_by) <= 200),
  published_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((verified_on is null) = (verified_by is null)),
  check (status = 'draft' or published_at is not null)
);

create table knowledge_tools (
  slug text primary key check (slug ~ '^[a-z][a-z0-9-]{1,60}$'),
  name jsonb not null default '{"values": {}}'::jsonb check (t4m_translatable_ok(name, 200)),
  question jsonb not null default '{"values": {}}'::jsonb check (t4m_translatable_ok(question, 500)),
  owner_org text references organizations (slug) on update cascade,
  -- Who runs the tool when it is not a Network organization (a national agency, the EU).
  owner_name text check (owner_name <> '' and length(owner_name) <= 200),
  languages text[] not null default '{}' check (cardinality(languages) <= 40),
  cost text not null check (cost in ('free', 'free-registration', 'paid')),
  url text not null check (url ~ '^https?://[^\s/?#]+\.[^\s]+$' and length(url) <= 500),
  source text not null check (source <> '' and length(source) <= 500),
  status text not null default 'draft' check (status in ('draft', 'published')),
  verified_on date,
  verified_by text check (verified_by <> '' and length(verified_by) <= 200),
  published_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((verified_on is null) = (verified_by is null)),
  check (status = 'draft' or published_at is not null)
);

-- What a guide links to, in the order its editor gave.
create table knowledge_guide_topics (
  guide text not null references knowledge_guides (slug) on delete cascade on update cascade,
  topic text not null references knowledge_topics (slug) on delete cascade on update cascade,
  position smallint not null default 0,
  primary key (guide, topic)
);
create index knowledge_guide_topics_topic on knowledge_guide_topics (topic);

create table knowledge_guide_tools (
  guide text not null references knowledge_guides (slug) on delete cascade on update cascade,
  tool text not null references knowledge_tools (slug) on delete cascade on update cascade,
  position smallint not null default 0,
  primary key (guide, tool)
);
create index knowledge_guide_tools_tool on knowledge_guide_tools (tool);

create table knowledge_guide_glossary (
  guide text not null references knowledge_guides (slug) on delete cascade on update cascade,
  term text not null references knowledge_glossary (slug) on delete cascade on update cascade,
  position smallint not null default 0,
  primary key (guide, term)
);
create index knowledge_guide_glossary_term on knowledge_guide_glossary (term);

create table knowledge_guide_related (
  guide text not null references knowledge_guides (slug) on delete cascade on update cascade,
  related text not null references knowledge_guides (slug) on delete cascade on update cascade,
  position smallint not null default 0,
  primary key (guide, related),
  check (guide <> related)
);
