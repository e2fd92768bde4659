import { describe, expect, it } from "vitest";
import { rankProposals } from "./ranking.js";

const criteria = [
  { position: 1, name: "Impact", weight: 60 },
  { position: 2, name: "Feasibility", weight: 40 },
];
const s = (proposalId: number, judgeId: number, position: number, score: number) => ({ proposalId, judgeId, position, score });

describe("the ranking of proposals", () => {
  it("averages each criterion, gives its spread and weighs the means, as computed by hand", () => {
    // Proposal 1: impact 8, 6, 7 → mean 7, range 6–8, population s.d. √(2/3) ≈ 0.8165;
    //             feasibility 5, 9, 4 → mean 6, range 4–9, s.d. √(14/3) ≈ 2.1602;
    //             total (60 × 7 + 40 × 6) / 100 = 6.6.
    // Proposal 2: impact 9, 9 → 9, s.d. 0; feasibility 3, 4 → 3.5, s.d. 0.5; total (540 + 140) / 100 = 6.8.
    // Proposal 3: impact only: not ranked.
    const scores = [s(1, 10, 1, 8), s(1, 11, 1, 6), s(1, 12, 1, 7), s(1, 10, 2, 5), s(1, 11, 2, 9), s(1, 12, 2, 4), s(2, 10, 1, 9), s(2, 11, 1, 9), s(2, 10, 2, 3), s(2, 11, 2, 4), s(3, 10, 1, 10)];
    const ranked = rankProposals([1, 2, 3], criteria, scores);
    expect(ranked.map((r) => [r.proposalId, r.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, null],
    ]);
    const p1 = ranked.find((r) => r.proposalId === 1);
    expect(p1?.weighted).toBeCloseTo(6.6, 10);
    expect(p1?.judges).toBe(3);
    expect(p1?.criteria[0]).toMatchObject({ count: 3, mean: 7, min: 6, max: 8 });
    expect(p1?.criteria[0]?.sd).toBeCloseTo(Math.sqrt(2 / 3), 10);
    expect(p1?.criteria[1]).toMatchObject({ mean: 6, min: 4, max: 9 });
    expect(p1?.criteria[1]?.sd).toBeCloseTo(Math.sqrt(14 / 3), 10);
    const p2 = ranked.find((r) => r.proposalId === 2);
    expect(p2?.weighted).toBeCloseTo(6.8, 10);
    expect(p2?.criteria[1]).toMatchObject({ mean: 3.5, sd: 0.5 });
    const p3 = ranked.find((r) => r.proposalId === 3);
    expect(p3).toMatchObject({ weighted: null, rank: null });
    expect(p3?.criteria[1]).toMatchObject({ count: 0, mean: null });
  });

  it("lets equal totals share a rank, the next one skipping (1, 1, 3)", () => {
    // 7 and 7 → 7.0; 8 and 5.5 → (480 + 220) / 100 = 7.0 too; 5 and 5 → 5.0.
    const scores = [s(1, 1, 1, 7), s(1, 1, 2, 7), s(2, 1, 1, 8), s(2, 2, 2, 5), s(2, 3, 2, 6), s(3, 1, 1, 5), s(3, 1, 2, 5)];
    const ranked = rankProposals([3, 2, 1], criteria, scores);
    expect(ranked.map((r) => [r.proposalId, r.rank])).toEqual([
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
  });

  it("ranks nothing without criteria", () => {
    expect(rankProposals([1], [], [])).toEqual([{ proposalId: 1, criteria: [], judges: 0, weighted: null, rank: null }]);
  });
});
