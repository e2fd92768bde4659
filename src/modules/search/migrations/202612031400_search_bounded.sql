-- Bounded ranking (bench/knowledge-search.ts): a query ranks a few hundred candidates, not every
-- match, and counts up to a cap.
--
-- Every query reads one language: the GIN indexes are partial, one per language, so a word's
-- matches in the other languages (a stem prefix such as `export:*` reads English, French and
-- Spanish lexemes alike) never reach the heap only to be filtered out there.
-- The title alone, in the language's stemming, is indexed too: the first candidates of a ranking,
-- as a word in the title weighs most (A against C for the text).

alter table search_documents
  add column title_vector tsvector generated always as (to_tsvector(t4m_search_config(lang), title)) stored;

drop index search_documents_document;
drop index search_documents_names;
drop index search_documents_terms;

create index search_documents_document_en on search_documents using gin (document) where lang = 'en';
create index search_documents_document_fr on search_documents using gin (document) where lang = 'fr';
create index search_documents_document_es on search_documents using gin (document) where lang = 'es';
create index search_documents_title_en on search_documents using gin (title_vector) where lang = 'en';
create index search_documents_title_fr on search_documents using gin (title_vector) where lang = 'fr';
create index search_documents_title_es on search_documents using gin (title_vector) where lang = 'es';
create index search_documents_names_en on search_documents using gin (names_vector) where lang = 'en';
create index search_documents_names_fr on search_documents using gin (names_vector) where lang = 'fr';
create index search_documents_names_es on search_documents using gin (names_vector) where lang = 'es';
create index search_documents_terms_en on search_documents using gin (terms gin_trgm_ops) where lang = 'en';
create index search_documents_terms_fr on search_documents using gin (terms gin_trgm_ops) where lang = 'fr';
create index search_documents_terms_es on search_documents using gin (terms gin_trgm_ops) where lang = 'es';
