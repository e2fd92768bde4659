-- A submission may carry several attachments (up to three, PDF or DOCX): one row each, in the
-- order sent. The single attachment columns of the first version move here.
create table recommendation_attachments (
  recommendation_id integer not null references recommendations (id) on delete cascade,
  position smallint not null check (position between 1 and 3),
  storage_key text not null unique,
  name text not null check (length(name) between 1 and 200),
  type text not null check (length(type) between 1 and 200),
  size bigint not null check (size >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  primary key (recommendation_id, position)
);

insert into recommendation_attachments (recommendation_id, position, storage_key, name, type, size, sha256)
select id, 1, attachment_key, coalesce(attachment_name, 'attachment'), coalesce(attachment_type, 'application/octet-stream'), coalesce(attachment_size, 0), attachment_sha256
from recommendations where attachment_key is not null;

alter table recommendations
  drop column attachment_key,
  drop column attachment_name,
  drop column attachment_type,
  drop column attachment_size,
  drop column attachment_sha256;
