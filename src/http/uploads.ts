import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Config } from "../config.js";
import { AppError, type FieldProblem, notFound } from "../errors.js";
import {
  allowedLabel,
  checkContent,
  contentDisposition,
  Digest,
  extensionOf,
  FILE_KINDS,
  type FileKind,
  type FileStore,
  newFileKey,
  type StoredFile,
  sanitizeFileName,
} from "../files/index.js";
import type { App } from "../module.js";
import { csrfMatches, csrfNeeded } from "./auth.js";
import { check } from "./validation.js";

/**
 * Uploads over HTTP. `@fastify/multipart` is registered once (`registerUploads`), with the limits
 * from the configuration, in a scope of its own: `app.uploads`. A route that takes a file is
 * registered there (`app.uploads.post(…)`), so that no other request pays for the plugin's hooks
 * (a multipart body sent anywhere else is refused, 415); every route in the scope is marked
 * `config.upload`. It reads the request with `readUpload`, which
 *
 * 1. checks the CSRF token first (a `_csrf` field sent before the file, as `<Form upload>` puts
 *    it, or the `X-CSRF-Token` header) and refuses (403) a file that comes before it;
 * 2. checks the file's name (`sanitizeFileName`) before reading a byte of it;
 * 3. streams the file to a temporary file under `FILES_DIR/.incoming`, hashing and counting;
 * 4. judges the content (`checkContent`: by magic bytes, then PDF scripts, OOXML structure) and
 *    that the name's extension agrees with it;
 * 5. validates the other fields with the route's zod schema, and gives them back as typed, so a
 *    refused upload shows the form again with the input kept and the problem at its field.
 *
 * A refused file is never stored, and every temporary file is removed when the response is sent
 * (`onResponse`), kept or not: `file.keep(store)` copies it into the store first.
 */

declare module "fastify" {
  interface FastifyInstance {
    /** The scope where routes that take a file are registered (multipart bodies are read only there). */
    uploads: App;
    uploadSettings: { maxBytes: number; incoming: string };
  }
  interface FastifyRequest {
    /** Temporary files of this request's uploads, removed when the response is sent. */
    uploadTemps: string[] | null;
  }
}

/**
 * Creates `app.uploads`. Call it after the shared hooks (security headers, auth, error handling,
 * the page cache) are added: a scope inherits the hooks its parent has when it is created.
 */
export async function registerUploads(app: App, config: Pick<Config, "UPLOAD_MAX_BYTES" | "FILES_DIR">) {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      // Counting and refusing an oversized file is readUpload's (a form shows the error at its field).
      throwFileSizeLimit: false,
      // The name as sent, path included: `sanitizeFileName` refuses `../` rather than busboy quietly
      // keeping the last segment (and strips the folders of an honest full path itself).
      preservePath: true,
      limits: { fileSize: config.UPLOAD_MAX_BYTES, files: 3, fields: 40, fieldSize: 64 * 1024, parts: 45, headerPairs: 100 },
    });
    scope.decorateRequest("uploadTemps", null);
    scope.addHook("onRoute", (route) => {
      route.config = { ...route.config, upload: true };
    });
    const cleanUp = async (request: FastifyRequest) => {
      const temps = request.uploadTemps;
      if (!temps) return;
      request.uploadTemps = null;
      await Promise.all(temps.map((t) => rm(t, { force: true })));
    };
    scope.addHook("onResponse", cleanUp);
    scope.addHook("onRequestAbort", cleanUp);
    app.decorate("uploads", scope as unknown as App);
  });
  app.decorate("uploadSettings", { maxBytes: config.UPLOAD_MAX_BYTES, incoming: join(config.FILES_DIR, ".incoming") });
}

/** A file received and checked, still in its temporary place. */
export interface ReceivedFile {
  /** The form field it came in. */
  field: string;
  /** The name to show and offer on download (sanitized; never a path). */
  name: string;
  kind: FileKind;
  mime: string;
  size: number;
  sha256: string;
  /** Copies it into the store under a new key of ours; returns what was stored. */
  keep(store: FileStore): Promise<StoredFile>;
}

export interface UploadOptions<S extends z.ZodType> {
  /** The kinds accepted, judged by content. */
  allow: readonly FileKind[];
  /** The other fields of the form. */
  fields: S;
  /** The file input's name (default `file`). */
  file?: string;
  /** Whether the form may be sent without a file (default: a file is required). */
  optional?: boolean;
  /** How many files the file input may carry (`<input type=file multiple>`; default 1). */
  maxFiles?: number;
}

export type UploadRead<S extends z.ZodType> =
  | { ok: true; file: ReceivedFile | null; files: ReceivedFile[]; fields: z.output<S>; input: Record<string, string> }
  | {
      ok: false;
      /** 400 (a field, a name), 413 (too big, too many parts), 415 (a type or content refused). */
      status: number;
      problems: FieldProblem[];
      /** The text fields as typed, to show the form again with them. */
      input: Record<string, string>;
    };

const tooBig = (field: string, maxBytes: number): FieldProblem => ({
  field,
  message: "uploads.tooBig",
  values: { max: Math.round((maxBytes / (1024 * 1024)) * 10) / 10 },
});

const LIMIT_ERRORS = new Set(["FST_PARTS_LIMIT", "FST_FILES_LIMIT", "FST_FIELDS_LIMIT"]);
/** What busboy says of a body that is not well-formed multipart (cut short, no boundary, bad headers): the client's mistake. */
const MALFORMED = /^(Unexpected end of (multipart data|form|file)|Malformed part header|Multipart: Boundary not found)/i;

/** Reads a multipart form with one file (see the comment at the top of this file). */
export async function readUpload<S extends z.ZodType>(request: FastifyRequest, options: UploadOptions<S>): Promise<UploadRead<S>> {
  const fileField = options.file ?? "file";
  const { maxBytes, incoming } = request.server.uploadSettings;
  const input: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  let status = 400;
  const maxFiles = options.maxFiles ?? 1;
  const files: ReceivedFile[] = [];
  let verified = !csrfNeeded(request) || csrfMatches(request, request.headers["x-csrf-token"]);
  const forged = () => new AppError(403, "csrf", "errors.csrf");
  const fail = (problem: FieldProblem, code: number) => {
    problems.push(problem);
    status = Math.max(status, code);
  };

  if (typeof request.isMultipart !== "function") throw new Error(`${request.routeOptions.url}: a route that takes a file is registered in app.uploads`);
  if (!request.isMultipart()) {
    // A client that sent no multipart body: the hook checked its token; there is no file in it.
    const body = request.body && typeof request.body === "object" ? (request.body as Record<string, unknown>) : {};
    for (const [name, value] of Object.entries(body)) if (typeof value === "string" && name !== "_csrf") input[name] = value.slice(0, 10_000);
    if (!options.optional) fail({ field: fileField, message: "uploads.missing" }, 400);
  } else {
    try {
      for await (const part of request.parts()) {
        if (part.type === "field") {
          const value = typeof part.value === "string" ? part.value : "";
          if (part.fieldname === "_csrf") {
            if (!verified && !csrfMatches(request, value)) throw forged();
            verified = true;
          } else if (!(part.fieldname in input)) {
            input[part.fieldname] = value.slice(0, 10_000);
          }
          continue;
        }
        // A file: nothing of it is read before the request is known to be genuine.
        if (!verified) {
          part.file.resume();
          throw forged();
        }
        if (part.fieldname !== fileField || files.length >= maxFiles || problems.some((p) => p.field === fileField)) {
          part.file.resume();
          if (part.filename !== "" && part.fieldname !== fileField) fail({ field: part.fieldname, message: "uploads.unexpected" }, 400);
          else if (part.filename !== "" && files.length >= maxFiles && maxFiles > 1) fail({ field: fileField, message: "uploads.tooManyFiles", values: { max: maxFiles } }, 400);
          continue;
        }
        const received = await receive(request, part, { field: fileField, maxBytes, incoming, allow: options.allow });
        if ("problem" in received) {
          if (received.problem) fail(received.problem, received.status);
        } else {
          files.push(received.file);
        }
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code && LIMIT_ERRORS.has(code)) fail({ field: fileField, message: "uploads.tooManyParts" }, 413);
      else if (code === "FST_REQ_FILE_TOO_LARGE") fail(tooBig(fileField, maxBytes), 413);
      else if (error instanceof Error && MALFORMED.test(error.message)) fail({ field: fileField, message: "uploads.malformed" }, 400);
      else throw error;
    }
    if (!verified) throw forged();
    if (files.length === 0 && !options.optional && !problems.some((p) => p.field === fileField)) fail({ field: fileField, message: "uploads.missing" }, 400);
  }

  for (const [name, value] of Object.entries(input)) {
    if (value.includes("\u0000")) fail({ field: name, message: "validation.invalid" }, 400);
  }
  const fields = check(options.fields, input);
  if (!fields.ok) for (const problem of fields.problems) if (!problems.some((p) => p.field === problem.field)) fail(problem, 400);
  if (problems.length > 0 || !fields.ok) return { ok: false, status, problems, input };
  return { ok: true, file: files[0] ?? null, files, fields: fields.value, input };
}

type Part = { fieldname: string; filename: string; file: NodeJS.ReadableStream & { truncated?: boolean; resume(): unknown } };

async function receive(
  request: FastifyRequest,
  part: Part,
  { field, maxBytes, incoming, allow }: { field: string; maxBytes: number; incoming: string; allow: readonly FileKind[] },
): Promise<{ file: ReceivedFile } | { problem: FieldProblem | null; status: number }> {
  // A file input left empty arrives as a part without a name and without content.
  if (part.filename === "") {
    part.file.resume();
    return { problem: null, status: 400 };
  }
  const named = sanitizeFileName(part.filename);
  if (!named.ok) {
    part.file.resume();
    return { problem: { field, message: named.message }, status: 400 };
  }
  await mkdir(incoming, { recursive: true });
  const temp = join(incoming, `${randomUUID()}.upload`);
  request.uploadTemps ??= [];
  request.uploadTemps.push(temp);
  const digest = new Digest();
  await pipeline(part.file, digest, createWriteStream(temp, { flags: "wx", mode: 0o600 }));
  const discard = async (problem: FieldProblem, status: number) => {
    await rm(temp, { force: true });
    return { problem, status };
  };
  if (part.file.truncated || digest.size > maxBytes) return discard(tooBig(field, maxBytes), 413);
  const content = await checkContent(temp, digest.size, allow);
  if (!content.ok) return discard({ field, message: content.message, ...(content.values ? { values: content.values } : {}) }, 415);
  const extension = extensionOf(named.name);
  if (extension !== "" && extension !== content.kind) {
    return discard({ field, message: "uploads.nameMismatch", values: { extension: `.${extension}`, kind: FILE_KINDS[content.kind].label, allowed: allowedLabel(allow) } }, 415);
  }
  const name = extension === "" ? `${named.name}.${content.kind}` : named.name;
  const sha256 = digest.hash.digest("hex");
  return {
    file: {
      field,
      name,
      kind: content.kind,
      mime: content.mime,
      size: digest.size,
      sha256,
      async keep(store) {
        const stored = await store.put(newFileKey(), createReadStream(temp), { contentType: content.mime });
        if (stored.sha256 !== sha256) {
          await store.delete(stored.key);
          throw new Error("The stored file differs from the one received");
        }
        return stored;
      },
    },
  };
}

export interface StoredFileAnswer {
  key: string;
  /** The name offered to the browser (as stored, sanitized at upload). */
  name: string;
  kind: FileKind;
  sha256: string;
  /** `attachment` downloads; `inline` lets the browser show a PDF. */
  disposition: "attachment" | "inline";
  /**
   * `public`: anyone may see it (shared caches keep it an hour); `private` (the default): a
   * restricted document's file, kept by the browser only and checked again on every use.
   */
  cache?: "public" | "private";
}

/**
 * Sends a stored file: its type as detected at upload, `Content-Disposition` with the name (RFC
 * 6266, UTF-8 and an ASCII fallback), `nosniff`, and an ETag from its SHA-256 (a matching
 * `If-None-Match` answers 304 without reading the file). Nothing stored under the key: 404.
 */
export async function sendStoredFile(request: FastifyRequest, reply: FastifyReply, store: FileStore, file: StoredFileAnswer): Promise<FastifyReply> {
  const etag = `"${file.sha256}"`;
  reply
    .header("ETag", etag)
    .header("Cache-Control", file.cache === "public" ? "public, max-age=3600" : "private, no-cache")
    .header("X-Content-Type-Options", "nosniff");
  const match = request.headers["if-none-match"];
  if (typeof match === "string" && match.split(",").some((m) => m.trim().replace(/^W\//, "") === etag)) return reply.code(304).send();
  const found = await store.get(file.key);
  if (!found) throw notFound();
  return reply
    .type(FILE_KINDS[file.kind].mime)
    .header("Content-Length", String(found.size))
    .header("Content-Disposition", contentDisposition(file.disposition, file.name))
    .send(found.stream);
}
