/**
 * Errors are values with an HTTP status, a stable code and a message key. Services throw them,
 * forms (`src/ui/`) show their field problems, and they are turned into an HTTP answer in one
 * place (`src/http/error-handler.tsx`); so they live under every layer, not in `src/http/`.
 */
export interface FieldProblem {
  /** The field's name as it appears in the form or query (`date`, `items.3.name`). */
  field: string;
  /** Message key of what is wrong, shown to a person in their language. */
  message: string;
  values?: Record<string, string | number>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, "not_found", "errors.notFound");

export const invalidInput = (fields: FieldProblem[]) => new AppError(400, "invalid_input", "errors.invalidInput", fields);

/** The database cannot be reached just now: worth trying again in a moment (`Retry-After`). */
export const databaseUnavailable = () => new AppError(503, "database_unavailable", "errors.databaseUnavailable");

/** Seconds a client is told to wait (`Retry-After`) before trying again while the database is down. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
