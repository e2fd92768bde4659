-- The language a person reads the platform's emails in (an invitation is written in theirs, not
-- in the language of the admin who sends it).
alter table users add column lang text not null default 'en' check (lang in ('en', 'fr', 'es'));
