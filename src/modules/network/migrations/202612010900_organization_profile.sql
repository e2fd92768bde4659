-- An organization's profile as one translatable text (src/i18n/content.ts) in place of a column
-- per language: a source language and, per language, a text with its last edit, so readers and
-- editors can tell an up-to-date translation from an outdated one. At most 2000 characters per
-- language, as before. The texts are copied in the next migration, the old columns dropped after.
alter table organizations
  add column profile jsonb not null default '{"values": {}}'::jsonb
  constraint organizations_profile_shape check (t4m_translatable_ok(profile, 2000));
