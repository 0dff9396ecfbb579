/**
 * Hit@k and NDCG@k (binary relevance) of one ranked candidate list.
 * @param ranked - candidate ids, best first.
 * @param relevant - the ids that were actually bought.
 * @param k - the cut-off.
 */
export function rankingMetrics(
  ranked: readonly string[],
  relevant: ReadonlySet<string>,
  k: number,
): { hit: number; ndcg: number } {
  let dcg = 0;
  let hit = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    if (relevant.has(ranked[r] as string)) {
      hit = 1;
      dcg += 1 / Math.log2(r + 2);
    }
  }
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return { hit, ndcg: ideal > 0 ? dcg / ideal : 0 };
}
