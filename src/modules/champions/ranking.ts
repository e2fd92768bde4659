/**
 * The Secretariat's ranking of a year's proposals from the judges' scores: per criterion the
 * mean of the judges' scores and their spread (lowest–highest and the population standard
 * deviation), and a weighted total on the same 1–10 scale, Σ weight × mean / Σ weight. A proposal
 * is ranked once every criterion has at least one score; proposals tied on the total share a
 * rank (1, 1, 3). Judges who declared a conflict of interest hold no scores on that proposal (the
 * database refuses them), so they count nowhere.
 */

export interface Criterion {
  position: number;
  name: string;
  weight: number;
}

export interface Score {
  proposalId: number;
  judgeId: number;
  position: number;
  score: number;
}

export interface CriterionStats {
  position: number;
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** Population standard deviation of the scores (0 for one score). */
  sd: number | null;
}

export interface Ranked {
  proposalId: number;
  criteria: CriterionStats[];
  /** How many judges scored it (any criterion). */
  judges: number;
  weighted: number | null;
  /** 1 for the best; null when not every criterion has a score yet. */
  rank: number | null;
}

function stats(position: number, values: readonly number[]): CriterionStats {
  if (values.length === 0) return { position, count: 0, mean: null, min: null, max: null, sd: null };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return { position, count: values.length, mean, min: Math.min(...values), max: Math.max(...values), sd: Math.sqrt(variance) };
}

export function rankProposals(proposalIds: readonly number[], criteria: readonly Criterion[], scores: readonly Score[]): Ranked[] {
  const totalWeight = criteria.reduce((a, c) => a + c.weight, 0);
  const rows = proposalIds.map((proposalId): Ranked => {
    const own = scores.filter((s) => s.proposalId === proposalId);
    const perCriterion = criteria.map((c) => stats(c.position, own.filter((s) => s.position === c.position).map((s) => s.score)));
    const complete = criteria.length > 0 && perCriterion.every((s) => s.mean !== null);
    const weighted = complete ? criteria.reduce((a, c, i) => a + c.weight * (perCriterion[i]?.mean ?? 0), 0) / totalWeight : null;
    return { proposalId, criteria: perCriterion, judges: new Set(own.map((s) => s.judgeId)).size, weighted, rank: null };
  });
  // Compared at a precision well below what is shown, so equal totals reached by different sums tie.
  const key = (w: number) => Math.round(w * 1e9);
  const ordered = [...rows].sort((a, b) => {
    if (a.weighted === null || b.weighted === null) return a.weighted === null ? (b.weighted === null ? a.proposalId - b.proposalId : 1) : -1;
    return key(b.weighted) - key(a.weighted) || a.proposalId - b.proposalId;
  });
  let previous: number | null = null;
  let previousRank = 0;
  ordered.forEach((r, i) => {
    if (r.weighted === null) return;
    r.rank = previous !== null && key(r.weighted) === previous ? previousRank : i + 1;
    previous = key(r.weighted);
    previousRank = r.rank;
  });
  return ordered;
}
