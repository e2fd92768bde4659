import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where uploaded files live. The platform writes through this interface only, so that another
 * provider (an S3-compatible bucket, say) is one file implementing it (README, "Uploads").
 *
 * Keys are ours, never a person's file name: `newFileKey()` (a random UUID). What a file is
 * called, its type and which document it belongs to are the caller's to keep (the registry's
 * `document_files` table); the store keeps bytes.
 */
export interface StoredFile {
  key: string;
  size: number;
  /** Hex SHA-256 of the bytes (an ETag, and a check that what is served is what was stored). */
  sha256: string;
}

export interface FileMeta {
  /** The type detected from the content (`application/pdf`), for providers that keep one. */
  contentType: string;
}

export interface FileStore {
  /**
   * Stores the bytes under `key` (from `newFileKey()`), all or nothing: a failed or interrupted
   * write leaves nothing under the key. An existing key is never overwritten.
   */
  put(key: string, source: Readable | Buffer, meta: FileMeta): Promise<StoredFile>;
  /** The bytes and their size, or null when nothing is stored under the key. */
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes the file; nothing stored under the key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new key for a file to store. */
export const newFileKey = (): string => randomUUID();

export function isFileKey(key: unknown): key is string {
  return typeof key === "string" && KEY.test(key);
}

function checkKey(key: string) {
  if (!isFileKey(key)) throw new Error(`Not a file key: ${JSON.stringify(key)}`);
}

/** Counts and hashes the bytes that go through it. */
export class Digest extends Transform {
  readonly hash = createHash("sha256");
  size = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void) {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }
}

/**
 * Files on a local disk: `dir/ab/abcdef01-….` (the first two characters of the key as a folder,
 * so no folder grows past a few thousand entries). Each file is written to `dir/.incoming/` first
 * and renamed into place once complete: a rename within one file system is atomic, so a reader
 * never sees half a file and a failed upload leaves nothing behind.
 */
export function diskStore(dir: string): FileStore {
  const root = resolve(dir);
  const incoming = join(root, ".incoming");
  const pathOf = (key: string) => {
    checkKey(key);
    return join(root, key.slice(0, 2), key);
  };
  return {
    async put(key, source, _meta) {
      const target = pathOf(key);
      if (await exists(target)) throw new Error(`A file is already stored under ${key}`);
      await mkdir(incoming, { recursive: true });
      const temp = join(incoming, `${randomUUID()}.part`);
      const digest = new Digest();
      try {
        await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, digest, createWriteStream(temp, { flags: "wx", mode: 0o640 }));
        await mkdir(dirname(target), { recursive: true });
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { key, size: digest.size, sha256: digest.hash.digest("hex") };
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const info = await stat(path);
        if (!info.isFile()) return null;
        return { stream: createReadStream(path), size: info.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      return exists(pathOf(key));
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

const stores = new Map<string, FileStore>();

/**
 * The platform's file store for a configuration: the disk under `FILES_DIR` (by default
 * `DATA_DIR/files`). The one place to choose another provider.
 */
export function fileStore(config: { FILES_DIR: string }): FileStore {
  let store = stores.get(config.FILES_DIR);
  if (!store) {
    store = diskStore(config.FILES_DIR);
    stores.set(config.FILES_DIR, store);
  }
  return store;
}
