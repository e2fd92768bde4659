-- Bounces that arrive later, as delivery status notifications (RFC 3464), read by
-- `trade4msmes newsletters bounces`: one row per report, its key (the report's Message-ID, else a
-- digest of the file) unique, so a report read twice counts once. A permanent failure (5.x.x)
-- counts towards suspending the subscriber; a temporary one (4.x.x, "delayed") is only noted.
create table newsletter_bounces (
  id bigint generated always as identity primary key,
  delivery_id bigint not null references newsletter_deliveries (id),
  report_key text not null unique check (report_key <> '' and length(report_key) <= 300),
  kind text not null check (kind in ('permanent', 'temporary')),
  action text not null check (action in ('failed', 'delayed')),
  status text not null check (status ~ '^[45]\.[0-9]{1,3}\.[0-9]{1,3}$'),
  diagnostic text check (length(diagnostic) <= 1000),
  received_at timestamptz not null default now(),
  check ((kind = 'permanent') = (status like '5.%'))
);
create index newsletter_bounces_by_delivery on newsletter_bounces (delivery_id);

-- A subscriber whose address keeps bouncing is suspended: sent nothing until they confirm again.
alter table newsletter_subscribers drop constraint newsletter_subscribers_status_check;
alter table newsletter_subscribers add constraint newsletter_subscribers_status_check
  check (status in ('pending', 'confirmed', 'unsubscribed', 'suspended'));
alter table newsletter_subscribers add column suspended_at timestamptz;
