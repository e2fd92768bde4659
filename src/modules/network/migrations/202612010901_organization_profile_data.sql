-- Copies each organization's profile texts into `profile`. Which language a profile was first
-- written in was never recorded: English when there is an English text, else French, else
-- Spanish. Every text is stamped with the row's last change, so all of them start as current.
-- Line ends become LF, as the editor stores them.
with texts as (
  select slug,
    to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as stamp,
    nullif(regexp_replace(description_en, E'\r\n?', E'\n', 'g'), '') as en,
    nullif(regexp_replace(description_fr, E'\r\n?', E'\n', 'g'), '') as fr,
    nullif(regexp_replace(description_es, E'\r\n?', E'\n', 'g'), '') as es
  from organizations
)
update organizations o
set profile = jsonb_build_object(
  'source', case when t.en is not null then 'en' when t.fr is not null then 'fr' else 'es' end,
  'values', jsonb_strip_nulls(jsonb_build_object(
    'en', case when t.en is not null then jsonb_build_object('text', t.en, 'editedAt', t.stamp) end,
    'fr', case when t.fr is not null then jsonb_build_object('text', t.fr, 'editedAt', t.stamp) end,
    'es', case when t.es is not null then jsonb_build_object('text', t.es, 'editedAt', t.stamp) end
  ))
)
from texts t
where t.slug = o.slug and coalesce(t.en, t.fr, t.es) is not null;
