-- What the side-by-side editor diffs for topics, glossary terms and tools, as guides have it: per
-- text and translated language, the source text that translation was last made (or confirmed)
-- against: {"summary": {"fr": "…"}, "title": {"fr": "…"}}.
alter table knowledge_topics add column basis jsonb not null default '{}'::jsonb check (jsonb_typeof(basis) = 'object');
alter table knowledge_glossary add column basis jsonb not null default '{}'::jsonb check (jsonb_typeof(basis) = 'object');
alter table knowledge_tools add column basis jsonb not null default '{}'::jsonb check (jsonb_typeof(basis) = 'object');
