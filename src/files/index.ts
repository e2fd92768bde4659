/**
 * Uploaded files: where they are stored (`store.ts`, a provider interface and the disk provider),
 * what they really are (`inspect.ts`, content checks shared by uploads and the command line) and
 * what they are called (`names.ts`). The HTTP side is src/http/uploads.ts.
 */
export { allowedLabel, checkContent, FILE_KINDS, type FileKind, type Inspection, inspectFile, isFileKind } from "./inspect.js";
export { contentDisposition, extensionOf, MAX_NAME_LENGTH, type NameCheck, sanitizeFileName } from "./names.js";
export { Digest, diskStore, type FileMeta, type FileStore, fileStore, isFileKey, newFileKey, type StoredFile } from "./store.js";
