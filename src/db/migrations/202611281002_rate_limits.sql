-- Rate-limit counters, shared by every app node (the store of @fastify/rate-limit in
-- src/http/rate-limit-store.ts): one row per client address and route, for the current window.
-- Unlogged: a counter is not worth the write-ahead log, and losing them in a crash only resets
-- the limits. Windows that have ended are deleted as the store goes (about once a minute per
-- node), so the table holds no more than the addresses seen in the last window or so.
create unlogged table rate_limit_windows (
  key text primary key,
  hits int not null check (hits > 0),
  resets_at timestamptz not null
);
