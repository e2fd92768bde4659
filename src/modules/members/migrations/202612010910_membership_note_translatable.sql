-- A membership's note as one translatable text (src/i18n/content.ts): a source language and, per
-- language, a text with its last edit. At most 1000 characters per language, as the form allowed.
-- Added beside the old `note` column; the next migration copies it, the one after replaces it.
alter table group_memberships
  add column note_text jsonb not null default '{"values": {}}'::jsonb
  constraint group_memberships_note_shape check (t4m_translatable_ok(note_text, 1000));
