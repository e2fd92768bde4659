import fc from "fast-check";
import { describe, expect, it } from "vitest";
import euParts from "../../../data/demo/economy-parts.json" with { type: "json" };
import { type BetweenAgreement, blocMembers, type Membership, partiesForBetween, statusBetween } from "./between.js";
import { STATUSES } from "./parse.js";

/** Days as ISO strings, from 1990 to 2030. */
const day = fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const economy = fc.constantFrom("AA", "BB", "CC", "DD", "EE", "FF");
const bloc = fc.constantFrom("XB", "YBLOC");

const membership: fc.Arbitrary<Membership> = fc
  .tuple(bloc, economy, day, fc.option(day, { nil: null }))
  .filter(([, , from, to]) => to === null || to > from)
  .map(([b, e, from, to]) => ({ bloc: b, economy: e, from, to }));

const agreement: fc.Arbitrary<BetweenAgreement> = fc
  .record({
    status: fc.constantFrom(...STATUSES),
    signedOn: fc.option(day, { nil: null }),
    inForceOn: fc.option(day, { nil: null }),
    inactiveOn: fc.option(day, { nil: null }),
    parties: fc.uniqueArray(fc.oneof(economy.map((code) => ({ code, kind: "economy" as const })), bloc.map((code) => ({ code, kind: "bloc" as const }))), { minLength: 1, maxLength: 4, selector: (p) => p.code }),
    memberDates: fc.uniqueArray(
      fc.record({ economy, entryOn: fc.option(day, { nil: null }), lastDay: fc.option(day, { nil: null }), pending: fc.boolean() }).map((d) => (d.pending ? { ...d, entryOn: null } : d)),
      { maxLength: 3, selector: (d) => d.economy },
    ),
  })
  // The export never has an entry into force before the signature.
  .filter((a) => !a.signedOn || !a.inForceOn || a.signedOn <= a.inForceOn);

const side = fc.oneof(economy, bloc);

describe("the status of an agreement between two parties on a day (property tests)", () => {
  it("an agreement not yet in force on the day is never in force between anyone", () => {
    fc.assert(
      fc.property(agreement, fc.array(membership, { maxLength: 8 }), side, side, day, (a, ms, x, y, d) => {
        fc.pre(a.inForceOn === null || a.inForceOn > d);
        expect(statusBetween(a, x, y, d, blocMembers(ms))).not.toBe("in_force");
      }),
    );
  });

  it("nothing is between two parties before the agreement was signed, or once it is inactive", () => {
    fc.assert(
      fc.property(agreement, fc.array(membership, { maxLength: 8 }), side, side, day, (a, ms, x, y, d) => {
        const started = a.signedOn ?? a.inForceOn;
        fc.pre(started === null || started > d || (a.inactiveOn !== null && a.inactiveOn <= d));
        expect(statusBetween(a, x, y, d, blocMembers(ms))).toBeNull();
      }),
    );
  });

  it("is the same whichever party is named first", () => {
    fc.assert(
      fc.property(agreement, fc.array(membership, { maxLength: 8 }), side, side, day, (a, ms, x, y, d) => {
        const blocs = blocMembers(ms);
        expect(statusBetween(a, x, y, d, blocs)).toBe(statusBetween(a, y, x, d, blocs));
      }),
    );
  });

  it("a party whose own entry is pending, or later than the day, is not in force", () => {
    fc.assert(
      fc.property(agreement, fc.array(membership, { maxLength: 8 }), economy, side, day, (a, ms, x, y, d) => {
        const own = a.memberDates.find((m) => m.economy === x);
        fc.pre(own !== undefined && (own.pending || (own.entryOn !== null && own.entryOn > d)));
        // Only when x takes part as itself or through a bloc (its own dates then apply).
        expect(statusBetween(a, x, y, d, blocMembers(ms))).not.toBe("in_force");
      }),
    );
  });

  it("an economy takes part through a bloc exactly while it is a member (no dates of its own)", () => {
    fc.assert(
      fc.property(fc.array(membership, { maxLength: 10 }), economy, day, day, (ms, x, signed, d) => {
        fc.pre(x !== "FF");
        const a: BetweenAgreement = {
          status: "in_force",
          signedOn: signed,
          inForceOn: signed,
          inactiveOn: null,
          parties: [
            { code: "XB", kind: "bloc" },
            { code: "FF", kind: "economy" },
          ],
          memberDates: [],
        };
        const blocs = blocMembers(ms);
        const member = ms.some((m) => m.bloc === "XB" && m.economy === x && m.from <= d && (m.to === null || d < m.to));
        const expected = signed > d ? null : member ? "in_force" : null;
        expect(statusBetween(a, x, "FF", d, blocs)).toBe(expected);
      }),
    );
  });

  it("two members of the same bloc are not parties to each other through it", () => {
    fc.assert(
      fc.property(day, (d) => {
        const ms: Membership[] = [
          { bloc: "XB", economy: "AA", from: "1980-01-01", to: null },
          { bloc: "XB", economy: "BB", from: "1980-01-01", to: null },
        ];
        const a: BetweenAgreement = { status: "in_force", signedOn: "1985-01-01", inForceOn: "1985-01-01", inactiveOn: null, parties: [{ code: "XB", kind: "bloc" }, { code: "CC", kind: "economy" }], memberDates: [] };
        expect(statusBetween(a, "AA", "BB", d, blocMembers(ms))).toBeNull();
      }),
    );
  });
});

describe("the EU's member states at a date", () => {
  const eu = (euParts as { whole: string; parts: { code: string; from: string; to?: string }[] }[]).find((w) => w.whole === "EU");
  const memberships: Membership[] = (eu?.parts ?? []).map((p) => ({ bloc: "EU", economy: p.code, from: p.from, to: p.to ?? null }));
  const members = blocMembers(memberships);

  it("follows the accessions and the United Kingdom's withdrawal", () => {
    expect(members.membersOn("EU", "1958-01-01")).toEqual(["BE", "DE", "FR", "IT", "LU", "NL"]);
    expect(members.membersOn("EU", "2013-06-30")).toHaveLength(27);
    expect(members.membersOn("EU", "2013-07-01")).toContain("HR");
    expect(members.membersOn("EU", "2020-01-31")).toHaveLength(28);
    expect(members.membersOn("EU", "2020-02-01")).toHaveLength(27);
    expect(members.membersOn("EU", "2020-02-01")).not.toContain("GB");
  });

  it("on any day, counts those who joined by then and had not left", () => {
    fc.assert(
      fc.property(day, (d) => {
        const expected = (eu?.parts ?? []).filter((p) => p.from <= d && (!p.to || d < p.to)).map((p) => p.code).sort();
        expect(members.membersOn("EU", d)).toEqual(expected);
      }),
    );
  });
});

describe("the parties to reason with", () => {
  it("are the current signatories, with a former one only where the export gives its last day", () => {
    const parties = partiesForBetween(
      [
        { role: "current", party: "AL", kind: "economy" },
        { role: "original", party: "AL", kind: "economy" },
        { role: "original", party: "BG", kind: "economy" },
        { role: "original", party: "XX", kind: "economy" },
      ],
      [{ economy: "BG", entryOn: null, lastDay: "2007-01-01", pending: false }],
    );
    expect(parties.map((p) => p.code)).toEqual(["AL", "BG"]);
    expect(partiesForBetween([{ role: "original", party: "CA", kind: "economy" }], []).map((p) => p.code)).toEqual(["CA"]);
  });
});
