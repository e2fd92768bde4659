import type { FastifyReply } from "fastify";
import type { z } from "zod";
import { isDatabaseUnavailable } from "../db/database.js";
import { AppError, DATABASE_RETRY_AFTER_SECONDS, type FieldProblem, invalidInput } from "../errors.js";
import { formFields } from "./forms.js";
import { check } from "./validation.js";

/** What a form page is given when it is shown again after a mistake. */
export interface KeptForm<K extends string> {
  /** Exactly what the person typed, field by field. */
  input: Record<K, string>;
  /** What is wrong, per field (shown at each field and in the summary at the top). */
  problems: FieldProblem[];
  /**
   * 400 for a mistake in the form, 409 for a conflict (e.g. an identifier already taken), 503
   * when the database could not be reached (one problem without a field: try again in a moment).
   */
  status: number;
}

export interface FormSubmission<K extends string> {
  /** The fields read from the body (anything else a client sends is ignored). */
  fields: readonly K[];
  /**
   * Checks the input and makes the change through a service (which validates with its zod
   * schema and writes in one transaction, audit included); returns where to go next, usually the
   * record's page with `?done=<notice>`.
   */
  save(input: Record<K, string>): Promise<string>;
  /** Shows the form again, with the input kept and each problem at its field. */
  show(kept: KeptForm<K>): Promise<FastifyReply> | FastifyReply;
}

/**
 * The back office's POST → redirect → GET cycle, once for every form: read the named fields,
 * save, and redirect (303) with a notice; or, when the service answers that the input is wrong
 * (400) or conflicts with what is stored (409) and names the fields, show the form again with
 * what was typed. Anything else (401, 403, 404, a failure) goes on to the error handler, so a
 * refusal never looks like a form mistake. When the database cannot be reached, nothing is saved
 * (the service's transaction never commits) and the form is shown again with what was typed and
 * a line saying to send it again in a moment (503).
 */
export async function submitForm<K extends string>(body: unknown, reply: FastifyReply, form: FormSubmission<K>): Promise<FastifyReply> {
  const input = formFields(body, form.fields);
  let location: string;
  try {
    location = await form.save(input);
  } catch (error) {
    if (error instanceof AppError && (error.status === 400 || error.status === 409) && error.fields.length > 0) {
      return form.show({ input, problems: error.fields, status: error.status });
    }
    if (isDatabaseUnavailable(error) || (error instanceof AppError && error.code === "database_unavailable")) {
      reply.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
      return form.show({ input, problems: [{ field: "", message: "errors.tryAgain" }], status: 503 });
    }
    throw error;
  }
  return reply.redirect(location, 303);
}

/** The input parsed with a form's schema, or a 400 naming every field that is wrong (for `save`). */
export function validForm<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = check(schema, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  return parsed.value;
}
