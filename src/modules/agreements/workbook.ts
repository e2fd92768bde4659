import { open } from "node:fs/promises";
// exceljs takes seconds to load: only the processes that read a workbook load it, when they do.
import type * as ExcelJS from "exceljs";
import { AppError } from "../../errors.js";
import { inspectFile } from "../../files/index.js";
import { AGREEMENTS_SHEET, CHANGES_SHEET, type Sheet } from "./rows.js";

/** A spreadsheet (.xlsx) is a zip archive: it starts with "PK\x03\x04". */
export function looksLikeXlsx(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** The first bytes of a file, to tell its type by its content rather than its name. */
export async function fileHead(path: string, length = 8): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function sheetOf(worksheet: ExcelJS.Worksheet): Sheet {
  const width = worksheet.columnCount;
  const cellsOf = (row: ExcelJS.Row) => {
    const cells: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      const value = row.getCell(c).value;
      // A formula's cached result, a hyperlink's text: the value a person sees.
      if (value && typeof value === "object" && !(value instanceof Date)) {
        if ("result" in value) cells.push((value as { result: unknown }).result ?? null);
        else if ("richText" in value || "text" in value) cells.push(value);
        else cells.push(null);
      } else cells.push(value ?? null);
    }
    return cells;
  };
  const rows: Sheet["rows"] = [];
  let header: unknown[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (header.length === 0) header = cellsOf(row);
    else rows.push({ number, cells: cellsOf(row) });
  });
  return { header, rows };
}

/** Finds a sheet by name, ignoring case and spaces (an export may write "All RTAs"). */
const findSheet = (workbook: ExcelJS.Workbook, name: string) => {
  const key = (s: string) => s.toLowerCase().replace(/\s+/g, "");
  return workbook.worksheets.find((w) => key(w.name) === key(name));
};

/** Reads the export's two sheets; refuses what is not a spreadsheet, or one without the agreements sheet. */
export async function readExport(source: string | Buffer): Promise<{ agreements: Sheet; changes?: Sheet }> {
  // A path is judged by its content as an upload is (src/files: a real XLSX, no macros); a buffer
  // comes from the file store, where only an upload judged so is kept: its first bytes suffice.
  if (typeof source === "string") {
    if (!looksLikeXlsx(await fileHead(source))) throw new AppError(400, "invalid_input", "agreements.import.notXlsx");
    const inspection = await inspectFile(source, ["xlsx"]);
    if (!inspection.ok) throw new AppError(400, "invalid_input", "agreements.import.notXlsx");
  } else if (!looksLikeXlsx(source.subarray(0, 8))) throw new AppError(400, "invalid_input", "agreements.import.notXlsx");
  const { Workbook } = (await import("exceljs")).default;
  const workbook = new Workbook();
  try {
    if (typeof source === "string") await workbook.xlsx.readFile(source);
    else await workbook.xlsx.load(source as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, "invalid_input", "agreements.import.unreadable");
  }
  const agreements = findSheet(workbook, AGREEMENTS_SHEET) ?? workbook.worksheets[0];
  if (!agreements) throw new AppError(400, "invalid_input", "agreements.import.noSheet");
  const changes = findSheet(workbook, CHANGES_SHEET);
  return { agreements: sheetOf(agreements), changes: changes ? sheetOf(changes) : undefined };
}
