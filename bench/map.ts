/**
 * Render time and size of the members map.
 *
 *   npx tsx bench/map.ts [out.svg]
 *
 * Prints the first render (which loads and projects the geometry), the
 * average of 1000 further renders, and the raw and gzip size of a 95-member map.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { renderMembersMap } from "../src/modules/members/map.js";

// 27 EU member states + 68 other WTO members (many of them small).
const CODES = (
  "040 056 100 191 196 203 208 233 246 250 276 300 348 372 380 428 440 442 470 528 616 620 642 703 705 724 752 " +
  "032 036 076 124 152 156 170 188 218 222 858 702 344 446 158 048 438 756 578 352 826 392 410 608 360 458 764 704 " +
  "116 418 496 398 417 268 051 498 804 008 807 792 376 682 784 634 414 512 504 818 566 404 646 384 120 516 480 604 " +
  "600 484 320 340 591 214 388 780 052 028 662 882"
).split(" ");

const input = {
  members: CODES.map((numeric) => ({ numeric, name: `Member ${numeric}` })),
  title: "Members of the MSME Group",
  description: "World map with the members shaded; the full list is in the table below.",
};

let start = performance.now();
const svg = renderMembersMap(input);
const first = performance.now() - start;

const runs = 1000;
let sink = 0;
start = performance.now();
for (let i = 0; i < runs; i++) sink += renderMembersMap(input).length;
const average = (performance.now() - start) / runs;

const gzipped = gzipSync(svg, { level: 9 }).length;
const gzippedDefault = gzipSync(svg).length;

console.log(`members:        ${input.members.length}`);
console.log(`first render:   ${first.toFixed(1)} ms (loads and projects the geometry)`);
console.log(`average render: ${average.toFixed(3)} ms over ${runs} runs (avg length ${sink / runs})`);
console.log(`raw size:       ${svg.length} bytes (${Buffer.byteLength(svg)} UTF-8)`);
console.log(`gzip size:      ${gzippedDefault} bytes (level 6), ${gzipped} bytes (level 9)`);

const out = process.argv[2];
if (out) {
  writeFileSync(out, svg);
  console.log(`written to ${out}`);
}
