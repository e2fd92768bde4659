import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BackupEvent, BackupScanner, RestoreError } from "./backup.js";

/** The scanner's findings for a text cut at the given places. */
function scan(text: string, cuts: number[]): BackupEvent[] {
  const scanner = new BackupScanner();
  const events: BackupEvent[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    events.push(...scanner.write(text.slice(from, cut)));
    from = cut;
  }
  events.push(...scanner.write(text.slice(from)));
  events.push(...scanner.end());
  return events;
}

const row = fc.dictionary(fc.string({ unit: "binary", maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });
const backup = fc.record({
  format: fc.constant("trade4msmes-backup"),
  version: fc.constant(1),
  createdAt: fc.string({ unit: "binary", maxLength: 10 }),
  migrations: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
  tables: fc.dictionary(fc.string({ unit: "binary", minLength: 1, maxLength: 8 }), fc.array(row, { maxLength: 4 }), { maxKeys: 4 }),
});

describe("reading a backup's text as it comes", () => {
  it("finds the header and every row of every table, however the text is cut and spaced", () => {
    fc.assert(
      fc.property(backup, fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), (value, spaced, cuts) => {
        const text = JSON.stringify(value, null, spaced ? 2 : undefined);
        const events = scan(
          text,
          cuts.map((c) => c % (text.length + 1)),
        );
        const meta = Object.fromEntries(events.flatMap((e) => (e.kind === "meta" ? [[e.key, e.value]] : [])));
        expect(meta).toEqual({ format: value.format, version: value.version, createdAt: value.createdAt, migrations: value.migrations });
        expect(events.filter((e) => e.kind === "table").map((e) => e.table)).toEqual(Object.keys(value.tables));
        const rows: Record<string, unknown[]> = Object.fromEntries(Object.keys(value.tables).map((t) => [t, []]));
        for (const e of events) if (e.kind === "row") rows[e.table]?.push(JSON.parse(e.text));
        // What the file holds is JSON: -0 is written as 0, so compare with what JSON keeps.
        expect(rows).toEqual(JSON.parse(JSON.stringify(value.tables)));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["", /ends before/],
    ["[]", /not a Trade4MSMEs backup/],
    ['{"tables":{"a":[{}]}', /ends before/],
    ['{"tables":{"a":[{}]}} x', /not valid JSON at character 23/],
    ['{"tables":{"a":[{},]}}', /not valid JSON at character 20/],
    ['{"tables":{"a":[{"b" 1}]}}', /not valid JSON at character 22/],
    ['{"tables":{"a":{}}}', /not a Trade4MSMEs backup/],
    ['{"tables":{"a":[[]]}}', /A row of a is not an object/],
    ['{"tables":[]}', /not a Trade4MSMEs backup/],
    ['{"tables":{"a":[]}}{}', /not valid JSON at character 20/],
    ['{"migrations":[1,}', /not valid JSON at character 18/],
  ])("refuses %j", (text, message) => {
    expect(() => scan(text, [])).toThrow(RestoreError);
    expect(() => scan(text, [3])).toThrow(message);
  });
});
