-- Every change to a fact: who, when, what, and the record before and after.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor text not null check (actor <> ''),
  action text not null check (action in ('create', 'update', 'delete')),
  entity text not null check (entity <> ''),
  entity_id text not null check (entity_id <> ''),
  before jsonb,
  after jsonb,
  check (before is not null or after is not null)
);
create index audit_log_entity on audit_log (entity, entity_id, at desc);
create index audit_log_at on audit_log (at desc);
