/**
 * What the upload checks and the mention finder cost, on this machine: the content check of a
 * 20 MB PDF (the default UPLOAD_MAX_BYTES; half of it in FlateDecode streams, each inflated and
 * read), of a DOCX and of an XLSX; the disk store writing 20 MB; `findSymbols` over 100 KB of prose
 * with 500 symbols. Median of the runs.
 *
 *   npx tsx bench/files.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { checkContent, diskStore, newFileKey } from "../src/files/index.js";
import { findSymbols } from "../src/symbols/index.js";
import { realDocx, realXlsx } from "../test/uploads-fixtures.js";

const RUNS = 7;
async function median(work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
}

const dir = await mkdtemp(join(tmpdir(), "t4m-bench-files-"));
try {
  const target = 20 * 1024 * 1024;
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n")];
  let size = parts[0]?.length ?? 0;
  for (let n = 1; size < target; n++) {
    const text = `BT /F1 12 Tf 72 ${700 - (n % 50)} Td (${"Trade information for small businesses. ".repeat(40)}) Tj ET\n`.repeat(20);
    const data = n % 2 ? deflateSync(Buffer.from(text)) : randomBytes(64 * 1024);
    const head = Buffer.from(`${n} 0 obj\n<< /Length ${data.length}${n % 2 ? " /Filter /FlateDecode" : ""} >>\nstream\n`);
    const tail = Buffer.from("\nendstream\nendobj\n");
    parts.push(head, data, tail);
    size += head.length + data.length + tail.length;
  }
  parts.push(Buffer.from("trailer\n<< /Root 1 0 R >>\n%%EOF\n"));
  const pdf = Buffer.concat(parts);
  const pdfPath = join(dir, "big.pdf");
  await writeFile(pdfPath, pdf);
  const docxPath = join(dir, "a.docx");
  await writeFile(docxPath, await realDocx("A paragraph. ".repeat(5000)));
  const xlsxPath = join(dir, "a.xlsx");
  await writeFile(xlsxPath, await realXlsx());

  const check = async (path: string, size: number, allow: ("pdf" | "docx" | "xlsx")[]) => {
    const result = await checkContent(path, size, allow);
    if (!result.ok) throw new Error(`refused: ${result.message}`);
  };
  console.log(`content check, 20 MB PDF (${(pdf.length / 1048576).toFixed(1)} MB): ${(await median(() => check(pdfPath, pdf.length, ["pdf"]))).toFixed(1)} ms`);
  console.log(`content check, DOCX: ${(await median(() => check(docxPath, 1, ["docx"]))).toFixed(1)} ms`);
  console.log(`content check, XLSX: ${(await median(() => check(xlsxPath, 1, ["xlsx"]))).toFixed(1)} ms`);
  const store = diskStore(join(dir, "store"));
  console.log(`disk store, put 20 MB (temp file, hash, rename): ${(await median(() => store.put(newFileKey(), pdf, { contentType: "application/pdf" }))).toFixed(1)} ms`);

  const sentence = "The Group discussed INF/MSME/W/6/Rev.3 and WT/MIN(17)/58/Rev.1 with the members, see https://docs.wto.org/x/INF/MSME/W/36 for more. ";
  const prose = sentence.repeat(Math.ceil(100_000 / sentence.length)).slice(0, 100_000);
  const found = findSymbols(prose).length;
  console.log(`findSymbols, 100 KB of prose (${found} mentions): ${(await median(() => findSymbols(prose))).toFixed(2)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
