import { z } from "zod";
import { formatSymbol, parseSymbol } from "./symbol.js";

/**
 * A symbol field: any tolerated spelling in, the canonical text out. On failure the issue's
 * message is the `symbols.*` key naming the part that is wrong (`fieldProblems` in
 * src/http/validation.ts passes such keys through to the form).
 */
export const WtoSymbolText = z.string().transform((text, ctx) => {
  const result = parseSymbol(text);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.problem.message, params: { part: result.problem.part, at: result.problem.at } });
    return z.NEVER;
  }
  return formatSymbol(result.symbol);
});
