-- The per-language profile columns, now copied into `profile`.
alter table organizations
  drop column description_en,
  drop column description_fr,
  drop column description_es;
