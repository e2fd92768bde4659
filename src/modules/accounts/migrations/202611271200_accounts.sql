-- People who sign in: the Secretariat (admin, editor), member delegates and network partners.
-- A delegate acts for exactly one member, a partner for exactly one organization.
create table users (
  id bigint generated always as identity primary key,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
  name text not null check (name <> ''),
  role text not null check (role in ('admin', 'editor', 'delegate', 'partner')),
  economy_code text references economies (code),
  organization_slug text,
  -- Null until the invited person sets a password.
  password_hash text,
  disabled_at timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((role = 'delegate') = (economy_code is not null)),
  check ((role = 'partner') = (organization_slug is not null))
);
create unique index users_email on users (email);

-- Server-side sessions. The cookie holds a random secret; only its SHA-256 is stored, so a
-- stolen backup cannot be replayed as a session.
create table sessions (
  id_hash bytea primary key,
  user_id bigint not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_user on sessions (user_id);

-- Single-use links sent by email: password reset and invitation.
create table one_time_tokens (
  token_hash bytea primary key,
  user_id bigint not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('reset', 'invite')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index one_time_tokens_user on one_time_tokens (user_id);

-- Tokens for scripts. Stored hashed; `prefix` (the first characters) lets a person tell them apart.
create table api_tokens (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  name text not null check (name <> ''),
  token_hash bytea not null unique,
  prefix text not null,
  access text not null default 'read' check (access in ('read', 'write')),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Failed sign-ins per address, whether or not an account has that address (so lockout reveals
-- nothing about which addresses exist). Shared by every app node.
create table sign_in_failures (
  email text primary key,
  failures int not null default 0,
  last_failure_at timestamptz not null default now(),
  locked_until timestamptz
);
