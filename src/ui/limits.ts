import type { z } from "zod";

interface Inner {
  _zod: {
    def: { type: string; innerType?: Inner; out?: Inner; in?: Inner; schema?: Inner; checks?: { _zod: { def: { check: string; maximum?: number } } }[] };
  };
}

/**
 * The longest text a schema accepts, looking through optional, nullable, default, preprocess and
 * pipes; undefined when it sets none. Forms use it for `maxlength`, so the limit a person meets
 * in the browser is the one the server checks, written once in the schema.
 */
export function maxLengthOf(schema: z.ZodType | undefined): number | undefined {
  let at = schema as unknown as Inner | undefined;
  for (let depth = 0; at && depth < 10; depth++) {
    const { def } = at._zod;
    if (def.type === "string") {
      const limits = (def.checks ?? []).map((c) => c._zod.def).filter((c) => c.check === "max_length" && typeof c.maximum === "number");
      return limits.length ? Math.min(...limits.map((c) => c.maximum as number)) : undefined;
    }
    if (def.type === "pipe") {
      // preprocess(fn, schema) and schema.transform(): the limit is on the side that holds strings.
      const out = maxLengthOf(def.out as unknown as z.ZodType);
      if (out !== undefined) return out;
      at = def.in;
      continue;
    }
    at = def.innerType ?? def.schema;
  }
  return undefined;
}

/** The schema of one field of an object schema, when it has that field. */
export function fieldSchema(schema: z.ZodType, name: string): z.ZodType | undefined {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape?.[name];
}

/**
 * The `maxLength` attribute of one field of a form's schema: spread it on the input
 * (`<input {...lengthOf(EconomyForm, "source")} />`) so the browser stops where the server would.
 */
export function lengthOf(schema: z.ZodType, name: string): { maxLength?: number } {
  const max = maxLengthOf(fieldSchema(schema, name));
  return max === undefined ? {} : { maxLength: max };
}
