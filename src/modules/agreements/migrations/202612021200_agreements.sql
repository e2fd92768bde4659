-- Regional trade agreements as the WTO RTA database lists them (its "All RTAs" export), their
-- parties, their history ("RTA Changes"), the blocs that are parties to them and the blocs'
-- members over time, and the MSME provisions the Secretariat codes.

-- A bloc that is a party to agreements as one (EFTA, MERCOSUR, …). The European Union is a bloc
-- too, but its members over time are the members module's (economy_parts of "EU").
create table rta_blocs (
  code text primary key check (code ~ '^[A-Z]{2,10}$'),
  name_en text not null check (name_en <> ''),
  name_fr text not null check (name_fr <> ''),
  name_es text not null check (name_es <> ''),
  source text not null check (source <> '')
);

-- A bloc's members over time: from_date inclusive, to_date the first day it no longer is (null: still).
-- dates_verified is false where the dates are ours and not read from the source.
create table bloc_members (
  bloc text not null references rta_blocs (code) on delete cascade,
  economy text not null check (economy ~ '^[A-Z]{2}$'),
  from_date date not null,
  to_date date,
  source text not null check (source <> ''),
  dates_verified boolean not null default true,
  primary key (bloc, economy, from_date),
  check (to_date is null or to_date > from_date)
);

create table agreements (
  rta_id integer primary key check (rta_id > 0),
  name text not null check (name <> '' and length(name) <= 500),
  coverage text check (coverage in ('goods', 'services', 'goods_services')),
  type text check (type <> '' and length(type) <= 50),
  notification text check (notification <> ''),
  status text not null check (status in ('in_force', 'in_force_partly', 'signed', 'negotiating', 'inactive')),
  signed_goods date,
  signed_services date,
  notified_goods date,
  notified_services date,
  in_force_goods date,
  in_force_services date,
  inactive_on date,
  -- Earliest signature and entry into force of goods or services: what "between" and the chart read.
  signed_on date generated always as (least(signed_goods, signed_services)) stored,
  in_force_on date generated always as (least(in_force_goods, in_force_services)) stored,
  accession boolean not null default false,
  composition text check (composition <> ''),
  regions text[] not null default '{}',
  cross_regional boolean,
  all_wto_members boolean,
  remarks text check (length(remarks) <= 20000),
  -- Where the facts come from: the export's file name, or a demo source.
  source text not null check (source <> ''),
  updated_at timestamptz not null default now()
);
create index agreements_status on agreements (status);
create index agreements_in_force_on on agreements (in_force_on);
create index agreements_regions on agreements using gin (regions);

-- The parties of an agreement as listed (current and original signatories): an economy (ISO code)
-- or a bloc (code of rta_blocs, or EU). name_in_file is the name as the export writes it.
create table agreement_parties (
  rta_id integer not null references agreements (rta_id) on delete cascade,
  role text not null check (role in ('current', 'original')),
  position smallint not null check (position > 0),
  party text not null check (party ~ '^[A-Z]{2,10}$'),
  kind text not null check (kind in ('economy', 'bloc')),
  name_in_file text not null check (name_in_file <> ''),
  primary key (rta_id, role, party)
);
create index agreement_parties_party on agreement_parties (party, rta_id);

-- Dates specific to one economy in one agreement (the export's "Specific Entry/Exit dates"):
-- when it entered (null: as the agreement) and its last day (null: still a party); pending when the
-- export writes a placeholder (01-Jan-9999): signed but not yet in force for it.
create table agreement_member_dates (
  rta_id integer not null references agreements (rta_id) on delete cascade,
  economy text not null check (economy ~ '^[A-Z]{2}$'),
  entry_on date,
  last_day date,
  pending boolean not null default false,
  primary key (rta_id, economy),
  check (not (pending and entry_on is not null))
);

-- The export's "RTA Changes": each agreement's history.
create table agreement_changes (
  rta_id integer not null references agreements (rta_id) on delete cascade,
  position smallint not null check (position > 0),
  parties text not null,
  affects text check (affects in ('goods', 'services', 'goods_services')),
  notified_on date,
  signed_on date,
  in_force_on date,
  remarks text check (length(remarks) <= 20000),
  primary key (rta_id, position)
);

-- MSME provisions coded by the Secretariat: where in the agreement, what it does (in three
-- languages, written by us), and where that can be read.
create table msme_provisions (
  id integer generated always as identity primary key,
  rta_id integer not null references agreements (rta_id) on delete cascade,
  category text not null check (category in (
    'preamble', 'sme_chapter', 'cooperation', 'information_sharing', 'contact_points',
    'government_procurement', 'customs', 'e_commerce', 'intellectual_property', 'other_chapters',
    'dispute_settlement_exclusion'
  )),
  chapter text not null check (chapter <> '' and length(chapter) <= 300),
  articles text check (articles <> '' and length(articles) <= 200),
  articles_verified boolean not null default false,
  summary_en text not null check (summary_en <> '' and length(summary_en) <= 1000),
  summary_fr text not null check (summary_fr <> '' and length(summary_fr) <= 1000),
  summary_es text not null check (summary_es <> '' and length(summary_es) <= 1000),
  source text not null check (source <> '' and length(source) <= 500),
  verified_on date,
  verified_by text check (verified_by <> ''),
  updated_at timestamptz not null default now(),
  unique (rta_id, category, chapter),
  check ((verified_on is null) = (verified_by is null))
);
create index msme_provisions_category on msme_provisions (category, rta_id);
