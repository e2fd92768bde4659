-- Demo content kept in step with its files (data/demo/knowledge/): the SHA-256 of the content the
-- seed last wrote for an item. A seed again updates an item whose file changed only while the item
-- is still exactly what the seed wrote (its content hashes to this); an item an editor changed
-- since, or one made in the back office (null), is left as it is.
alter table knowledge_topics add column seeded_hash text check (seeded_hash ~ '^[0-9a-f]{64}$');
alter table knowledge_guides add column seeded_hash text check (seeded_hash ~ '^[0-9a-f]{64}$');
alter table knowledge_glossary add column seeded_hash text check (seeded_hash ~ '^[0-9a-f]{64}$');
alter table knowledge_tools add column seeded_hash text check (seeded_hash ~ '^[0-9a-f]{64}$');
