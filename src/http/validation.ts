import type { z } from "zod";
import type { FieldProblem } from "../errors.js";

/** zod issue codes that have a message of their own; others read "is not valid". */
const CODES = new Set([
  "invalid_type",
  "invalid_value",
  "invalid_format",
  "too_small",
  "too_big",
  "unrecognized_keys",
  "not_multiple_of",
  "invalid_date",
]);

interface IssueLike {
  code?: string;
  keyword?: string;
  path?: PropertyKey[];
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  minimum?: unknown;
  maximum?: unknown;
  keys?: string[];
}

/** Turns zod issues (or the Fastify validation errors made from them) into field problems. */
export function fieldProblems(issues: readonly IssueLike[], prefix = ""): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const code = issue.code ?? issue.keyword ?? "invalid";
    const path = issue.path
      ? issue.path.map(String).join(".")
      : (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    const params = { ...issue.params, ...issue };
    const keys = Array.isArray(params.keys) ? (params.keys as string[]) : [];
    const field = [prefix, path || keys[0] || ""].filter(Boolean).join(".") || "input";
    if (seen.has(field)) continue;
    seen.add(field);
    const values: Record<string, string | number> = {};
    for (const name of ["minimum", "maximum"] as const) {
      const v = params[name];
      if (typeof v === "number" || typeof v === "string") values[name] = typeof v === "number" ? v : v;
      if (typeof v === "bigint") values[name] = Number(v);
    }
    // A refinement may name its own message key (`validation.required`, `symbols.number.missing`).
    const own = code === "custom" && typeof issue.message === "string" && /^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/.test(issue.message);
    problems.push({
      field,
      message: own ? (issue.message as string) : CODES.has(code) ? `validation.${code}` : "validation.invalid",
      ...(Object.keys(values).length ? { values } : {}),
    });
  }
  return problems;
}

/** Parses input with a schema, returning either the value or the problems per field. */
export function check<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: FieldProblem[] } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: fieldProblems(result.error.issues as IssueLike[]) };
}
