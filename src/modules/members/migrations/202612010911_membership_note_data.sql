-- Copies each note into the translatable note. The notes were all written in English (the member
-- page showed them with lang="en"), so English is their source, stamped with the row's last change.
update group_memberships
set note_text = jsonb_build_object(
  'source', 'en',
  'values', jsonb_build_object('en', jsonb_build_object(
    'text', btrim(regexp_replace(note, E'\r\n?', E'\n', 'g')),
    'editedAt', to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ))
)
where note is not null and btrim(note) <> '';
