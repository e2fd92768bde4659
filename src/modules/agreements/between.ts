/**
 * Whether an agreement binds two economies (or blocs) on a day: pure, so property tests can try
 * it over generated agreements and memberships.
 *
 * A side asked for is an economy code (`JP`) or a bloc code (`EU`, `EFTA`). An economy takes part
 * in an agreement through a party that is itself, or through a bloc party it is a member of on the
 * day (the EU's member states, EFTA's States …). The two sides must take part through different
 * parties: France and Germany are not "between" each other in the EU–Japan agreement.
 * Dates specific to an economy in that agreement (its own entry into force, its last day, or a
 * placeholder meaning "not yet in force for it") override the agreement's: the United Kingdom
 * stayed covered by EU agreements until 31 December 2020 though it left the EU on 31 January.
 */
import type { Status } from "./parse.js";

export type PairStatus = "in_force" | "signed";

export interface BetweenParty {
  code: string;
  kind: "economy" | "bloc";
}

export interface BetweenAgreement {
  status: Status;
  /** Earliest signature (goods or services), entry into force, and the day it became inactive. */
  signedOn: string | null;
  inForceOn: string | null;
  inactiveOn: string | null;
  /** The parties as the agreement lists them now (for an inactive one: as it listed them last). */
  parties: readonly BetweenParty[];
  memberDates: readonly { economy: string; entryOn: string | null; lastDay: string | null; pending: boolean }[];
}

/** Who a bloc's members were over time: from inclusive, to exclusive (null: still). */
export interface Membership {
  bloc: string;
  economy: string;
  from: string;
  to: string | null;
}

const inPeriod = (m: Membership, day: string) => m.from <= day && (m.to === null || day < m.to);

export interface BlocMembers {
  /** Whether `economy` is a member of `bloc` on `day`. */
  isMember(bloc: string, economy: string, day: string): boolean;
  /** Whether it ever was one, up to `day`. */
  wasMember(bloc: string, economy: string, day: string): boolean;
  /** The bloc's members on `day`, sorted. */
  membersOn(bloc: string, day: string): string[];
}

export function blocMembers(memberships: readonly Membership[]): BlocMembers {
  const byBloc = new Map<string, Membership[]>();
  for (const m of memberships) byBloc.set(m.bloc, [...(byBloc.get(m.bloc) ?? []), m]);
  const of = (bloc: string) => byBloc.get(bloc) ?? [];
  return {
    isMember: (bloc, economy, day) => of(bloc).some((m) => m.economy === economy && inPeriod(m, day)),
    wasMember: (bloc, economy, day) => of(bloc).some((m) => m.economy === economy && m.from <= day),
    membersOn: (bloc, day) => [...new Set(of(bloc).filter((m) => inPeriod(m, day)).map((m) => m.economy))].sort(),
  };
}

interface Side {
  /** The party entry it takes part through. */
  party: string;
  /** The economy whose own dates apply (none when a bloc is asked for as itself). */
  economy?: string;
}

/** How `asked` takes part in the agreement on `day`, or null. */
function sideOf(agreement: BetweenAgreement, asked: string, day: string, blocs: BlocMembers, exclude?: string): Side | null {
  for (const p of agreement.parties) {
    if (p.code === exclude) continue;
    if (p.code === asked) return p.kind === "economy" ? { party: p.code, economy: asked } : { party: p.code };
  }
  for (const p of agreement.parties) {
    if (p.code === exclude || p.kind !== "bloc") continue;
    if (blocs.isMember(p.code, asked, day)) return { party: p.code, economy: asked };
    // A former member kept in the agreement by a last day of its own after leaving (the UK in EU agreements to 2020).
    const own = agreement.memberDates.find((d) => d.economy === asked);
    if (own?.lastDay && day <= own.lastDay && blocs.wasMember(p.code, asked, day)) return { party: p.code, economy: asked };
  }
  return null;
}

/**
 * The agreement's status between `a` and `b` on `day`: in force, signed (not yet in force between
 * them: the agreement, or one side's own entry, is later or pending), or null (not between them
 * that day: not signed yet, no longer in force, or one of them is not a party).
 */
export function statusBetween(agreement: BetweenAgreement, a: string, b: string, day: string, blocs: BlocMembers): PairStatus | null {
  if (a === b) return null;
  if (agreement.status === "negotiating") return null;
  if (agreement.inactiveOn && agreement.inactiveOn <= day) return null;
  const started = agreement.signedOn ?? agreement.inForceOn;
  if (!started || started > day) return null;
  // Either order: the first side may need the party the second would otherwise take.
  const sides = pairOf(agreement, a, b, day, blocs) ?? pairOf(agreement, b, a, day, blocs);
  if (!sides) return null;
  let entry = agreement.inForceOn;
  // Signed in the database's own words: not in force as far as the WTO was notified, whatever date it carries.
  if (!entry || agreement.status === "signed") return "signed";
  for (const side of sides) {
    const own = side.economy ? agreement.memberDates.find((d) => d.economy === side.economy) : undefined;
    if (!own) continue;
    if (own.lastDay && own.lastDay < day) return null;
    if (own.pending) return "signed";
    if (own.entryOn && own.entryOn > entry) entry = own.entryOn;
  }
  return entry <= day ? "in_force" : "signed";
}

function pairOf(agreement: BetweenAgreement, first: string, second: string, day: string, blocs: BlocMembers): [Side, Side] | null {
  const one = sideOf(agreement, first, day, blocs);
  if (!one) return null;
  const two = sideOf(agreement, second, day, blocs, one.party);
  return two ? [one, two] : null;
}

/**
 * The parties to reason with: the current signatories; an original signatory no longer listed
 * only where the export gives its last day (a State that left when it joined the EU); for an
 * agreement that lists no current signatories (an inactive one), the original ones.
 */
export function partiesForBetween(
  parties: readonly { role: "current" | "original"; party: string; kind: "economy" | "bloc" }[],
  memberDates: BetweenAgreement["memberDates"],
): BetweenParty[] {
  const current = parties.filter((p) => p.role === "current");
  const original = parties.filter((p) => p.role === "original");
  if (current.length === 0) return original.map((p) => ({ code: p.party, kind: p.kind }));
  const listed = new Set(current.map((p) => p.party));
  const left = original.filter((p) => !listed.has(p.party) && memberDates.some((d) => d.economy === p.party && d.lastDay));
  return [...current, ...left].map((p) => ({ code: p.party, kind: p.kind }));
}
