import type { AppContext, RelatedSection, RelatedTarget } from "../module.js";

/**
 * The sections every module adds to one record's page (`PlatformModule.related`), in the order of
 * the modules, asked at once; those with nothing to show are left out.
 */
export async function relatedSections(ctx: AppContext, target: RelatedTarget): Promise<RelatedSection[]> {
  const providers = (ctx.modules ?? []).flatMap((m) => (m.related ?? []).filter((p) => p.on === target.on));
  const sections = await Promise.all(providers.map((p) => p.section(ctx, target)));
  return sections.filter((s): s is RelatedSection => s !== null && s.items.length > 0);
}
