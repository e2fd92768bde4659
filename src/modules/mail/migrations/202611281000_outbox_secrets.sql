-- The single-use secrets an email carries (the token of a password link) are kept apart from its
-- body: text_body and html_body hold a placeholder ([[secret-1]], …) and `secrets` the values,
-- only until the message is sent or given up for good. A sent message keeps none (a constraint),
-- and backups never hold the column (src/db/backup.ts leaves out columns commented 'secret').
alter table outbox_emails
  add column secret_count int not null default 0 check (secret_count between 0 and 10),
  add column secrets text[],
  add constraint outbox_emails_secrets_fit check (secrets is null or cardinality(secrets) = secret_count),
  add constraint outbox_emails_sent_keeps_no_secret check (status <> 'sent' or secrets is null);
comment on column outbox_emails.secrets is 'secret: never in a backup; null once sent or given up';
