-- Judging the Small Business Champions: applicants and judges as accounts, each year's
-- eligibility questions and weighted criteria, proposals (drafts, then submitted before the
-- deadline), judges assigned to proposals, their scores and their conflicts of interest.

-- Two new roles: an applicant proposes for the competition (their own proposals only); a judge
-- acts for exactly one year's competition, as a delegate acts for one member.
alter table users drop constraint users_role_check;
alter table users add constraint users_role_check check (role in ('admin', 'editor', 'delegate', 'partner', 'applicant', 'judge'));
alter table users add column competition_year int references champion_competitions (year);
alter table users add constraint users_judge_competition check ((role = 'judge') = (competition_year is not null));
-- So that an assignment can name (judge, year) and the database checks the judge judges that year.
create unique index users_judge_year on users (id, competition_year);

-- Yes/no eligibility questions; an applicant is eligible when every answer is the expected one.
create table champion_questions (
  year int not null references champion_competitions (year),
  position int not null check (position between 1 and 30),
  prompt text not null check (prompt <> '' and length(prompt) <= 500),
  expected boolean not null,
  primary key (year, position)
);

-- Judging criteria with weights (positive; a year's weights add up to 100, checked at commit).
create table champion_criteria (
  year int not null references champion_competitions (year),
  position int not null check (position between 1 and 20),
  name text not null check (name <> '' and length(name) <= 200),
  weight int not null check (weight between 1 and 100),
  primary key (year, position)
);

create function champion_criteria_sum_ok() returns trigger language plpgsql as $$
declare
  y int := coalesce(new.year, old.year);
  total int;
begin
  select sum(weight) into total from champion_criteria where year = y;
  if total is not null and total <> 100 then
    raise exception 'the weights of the % criteria add up to %, not 100', y, total using errcode = '23514', constraint = 'champion_criteria_sum';
  end if;
  return null;
end $$;
create constraint trigger champion_criteria_sum after insert or update or delete on champion_criteria
  deferrable initially deferred for each row execute function champion_criteria_sum_ok();

-- A proposal: a draft the applicant saves as often as they like, then submitted once (then it
-- no longer changes). One per applicant and year.
create table champion_proposals (
  id bigint generated always as identity primary key,
  year int not null references champion_competitions (year),
  applicant_id bigint not null references users (id),
  organization text not null default '' check (length(organization) <= 300),
  country text not null default '' check (length(country) <= 100),
  title text not null default '' check (length(title) <= 300),
  summary text not null default '' check (length(summary) <= 5000),
  status text not null default 'draft' check (status in ('draft', 'submitted')),
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (year, applicant_id),
  unique (id, year),
  check ((status = 'submitted') = (submitted_at is not null)),
  check (status = 'draft' or (organization <> '' and country <> '' and title <> '' and summary <> ''))
);

-- A submission arrives within the call, whatever the application checked before: the call's
-- clock is the database's.
create function champion_proposal_in_time() returns trigger language plpgsql as $$
declare
  c record;
begin
  if new.status = 'submitted' and (tg_op = 'INSERT' or old.status = 'draft') then
    select call_opens_at, call_closes_at into c from champion_competitions where year = new.year;
    if c.call_closes_at is null or new.submitted_at > c.call_closes_at or (c.call_opens_at is not null and new.submitted_at < c.call_opens_at) then
      raise exception 'proposal submitted outside the call of %', new.year using errcode = '23514', constraint = 'champion_proposal_in_time';
    end if;
  end if;
  if tg_op = 'UPDATE' and old.status = 'submitted' then
    raise exception 'proposal % is submitted and no longer changes', old.id using errcode = '23514', constraint = 'champion_proposal_submitted';
  end if;
  return new;
end $$;
create trigger champion_proposal_in_time before insert or update on champion_proposals
  for each row execute function champion_proposal_in_time();

create table champion_answers (
  proposal_id bigint not null references champion_proposals (id) on delete cascade,
  year int not null,
  position int not null,
  answer boolean not null,
  primary key (proposal_id, position),
  foreign key (year, position) references champion_questions (year, position),
  foreign key (proposal_id, year) references champion_proposals (id, year)
);

-- A judge assigned to a proposal of their year. A declared conflict of interest keeps the
-- assignment (and its reason) but takes the judge out of that proposal's scoring.
create table champion_assignments (
  proposal_id bigint not null,
  judge_id bigint not null,
  year int not null,
  conflict boolean not null default false,
  conflict_reason text check (length(conflict_reason) <= 1000),
  assigned_at timestamptz not null default now(),
  primary key (proposal_id, judge_id),
  unique (proposal_id, judge_id, conflict),
  foreign key (proposal_id, year) references champion_proposals (id, year),
  foreign key (judge_id, year) references users (id, competition_year),
  check (conflict = (conflict_reason is not null))
);
create index champion_assignments_judge on champion_assignments (judge_id);

-- Scores on a bounded scale (1 to 10) per criterion, with a comment. `conflict` is always false
-- and part of the key to the assignment: a judge who declared a conflict cannot hold a score on
-- that proposal (declaring one while scores exist is refused until they are removed).
create table champion_scores (
  proposal_id bigint not null,
  judge_id bigint not null,
  year int not null,
  position int not null,
  score int not null check (score between 1 and 10),
  comment text not null default '' check (length(comment) <= 2000),
  conflict boolean not null default false check (conflict = false),
  scored_at timestamptz not null default now(),
  primary key (proposal_id, judge_id, position),
  foreign key (proposal_id, judge_id, conflict) references champion_assignments (proposal_id, judge_id, conflict) on delete cascade,
  foreign key (proposal_id, year) references champion_proposals (id, year),
  foreign key (year, position) references champion_criteria (year, position)
);
