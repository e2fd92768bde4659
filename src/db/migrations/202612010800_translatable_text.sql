-- Translatable texts (src/i18n/content.ts): one jsonb value per field, in the module's own table:
--   {"source": "en",
--    "values": {"en": {"text": "…", "editedAt": "2026-12-01T09:00:00.000Z"},
--               "fr": {"text": "…", "editedAt": "2026-12-02T10:00:00.000Z", "draft": true}}}
-- Statuses (missing, draft, current, outdated) are derived from it, never stored.
--
-- t4m_translatable_ok(value, max_length) is what a module's CHECK constraint keeps: an object of
-- exactly `values` (language code → a text of 1 to max_length characters, an ISO 8601 UTC stamp,
-- optionally a draft flag) and `source`, which names one of those languages whenever there is
-- one and is absent when there is none. Language codes are checked by their form only, so adding a
-- language to the platform needs no migration.
create or replace function t4m_translatable_ok(value jsonb, max_length integer) returns boolean
  language sql immutable parallel safe
  as $$
    select coalesce(
      jsonb_typeof(value) = 'object'
      and (value - 'source' - 'values') = '{}'::jsonb
      and jsonb_typeof(value -> 'values') = 'object'
      and case
        when value -> 'values' = '{}'::jsonb then not (value ? 'source')
        else jsonb_typeof(value -> 'source') = 'string' and (value -> 'values') ? (value ->> 'source')
      end
      and not exists (
        select 1 from jsonb_each(value -> 'values') as v (lang, entry)
        where not coalesce(
          lang ~ '^[a-z]{2,3}$'
          and jsonb_typeof(entry) = 'object'
          and (entry - 'text' - 'editedAt' - 'draft') = '{}'::jsonb
          and jsonb_typeof(entry -> 'text') = 'string'
          and length(entry ->> 'text') between 1 and max_length
          and jsonb_typeof(entry -> 'editedAt') = 'string'
          and (entry ->> 'editedAt') ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$'
          and (not (entry ? 'draft') or jsonb_typeof(entry -> 'draft') = 'boolean'),
          false)
      ),
      false)
  $$;
