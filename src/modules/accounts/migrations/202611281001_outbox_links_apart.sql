-- Password links queued or sent before the outbox kept secrets apart: take each token out of the
-- body. A sent message keeps only the placeholder; one still to be sent keeps its token in
-- `secrets`, where the mail task finds it and backups never look.
update outbox_emails set
  secrets = case when status <> 'sent' then array[substring(text_body from '/password/([A-Za-z0-9_-]+)')] end,
  secret_count = 1,
  text_body = regexp_replace(text_body, '/password/[A-Za-z0-9_-]+', '/password/[[secret-1]]', 'g')
where kind in ('accounts.reset', 'accounts.invite') and text_body ~ '/password/[A-Za-z0-9_-]+';
