-- Every email the platform sends, kept as sent: the job queue delivers it (task mail.send) and
-- the status says how far it got. A row is claimed ('sending') before it is handed to the SMTP
-- server and never claimed again once sent, so a message is never sent twice.
create table outbox_emails (
  id bigint generated always as identity primary key,
  kind text not null check (kind <> ''),
  to_address text not null check (to_address <> ''),
  subject text not null,
  text_body text not null,
  html_body text,
  message_id text not null unique,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts int not null default 0 check (attempts >= 0),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  check ((status = 'sent') = (sent_at is not null))
);
create index outbox_emails_unsent on outbox_emails (created_at) where status <> 'sent';
