import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { ROLES, type Role } from "../../actor.js";
import { LANGS, type Lang } from "../../i18n/lang.js";

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  economy_code: string | null;
  organization_slug: string | null;
  /** The competition (year) a judge judges (champions). */
  competition_year: ColumnType<number | null, number | null | undefined, number | null>;
  password_hash: string | null;
  /** The language of the emails this person receives. */
  lang: Generated<Lang>;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionTable {
  id_hash: Buffer;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export type TokenPurpose = "reset" | "invite";

export interface OneTimeTokenTable {
  token_hash: Buffer;
  user_id: number;
  purpose: TokenPurpose;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export type TokenAccess = "read" | "write";

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: Buffer;
  prefix: string;
  access: Generated<TokenAccess>;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SignInFailureTable {
  email: string;
  failures: number;
  last_failure_at: Generated<Date>;
  locked_until: Date | null;
}

declare module "../../db/database.js" {
  interface Tables {
    users: UserTable;
    sessions: SessionTable;
    one_time_tokens: OneTimeTokenTable;
    api_tokens: ApiTokenTable;
    sign_in_failures: SignInFailureTable;
  }
}

/** An email address as typed: trimmed and lower-cased before anything else sees it. */
export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((v) => v.toLowerCase());

/** Long enough to resist guessing (ASVS 2.1.1), long enough for pass phrases, short enough for argon2. */
export const NewPassword = z.string().min(12).max(256);

export const SignInForm = z.object({
  email: Email,
  password: z.string().min(1).max(256),
  next: z.string().max(500).optional(),
});

export const ForgotForm = z.object({ email: Email });

export const SetPasswordForm = z
  .object({ password: NewPassword, confirm: z.string().max(256) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation.passwordMismatch" });

export const RoleSchema = z.enum(ROLES);

/** The accounts list's filters in the back office. */
export const UsersFilter = z.object({
  q: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** An invitation or an edit of an account: the scope must fit the role. */
export const UserForm = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    role: RoleSchema,
    /** The language of their emails; absent: the page's (inviting) or unchanged (editing). */
    lang: z
      .enum(LANGS)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    economy: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    organization: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z0-9-]{1,30}$/)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** The year of the competition a judge judges. */
    competition: z
      .string()
      .trim()
      .regex(/^\d{4}$/)
      .transform(Number)
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.role === "delegate" && !v.economy) ctx.addIssue({ code: "custom", path: ["economy"], message: "validation.required" });
    if (v.role === "partner" && !v.organization) ctx.addIssue({ code: "custom", path: ["organization"], message: "validation.required" });
    if (v.role === "judge" && !v.competition) ctx.addIssue({ code: "custom", path: ["competition"], message: "validation.required" });
  })
  .transform((v) => ({
    ...v,
    economy: v.role === "delegate" ? (v.economy ?? null) : null,
    organization: v.role === "partner" ? (v.organization ?? null) : null,
    competition: v.role === "judge" ? (v.competition ?? null) : null,
  }));
/** (`competition` may be left out by callers from before judges existed: no competition.) */
export type UserInput = Omit<z.output<typeof UserForm>, "competition"> & { competition?: number | null };

export const TokenForm = z.object({
  name: z.string().trim().min(1).max(100),
  access: z.enum(["read", "write"]).default("read"),
});

/** A user as the API and the admin screens show them (never the password hash). */
export const UserView = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  economy: z.string().nullable(),
  organization: z.string().nullable(),
  competition: z.number().int().nullable(),
  lang: z.enum(LANGS),
  status: z.enum(["active", "invited", "disabled"]),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.output<typeof UserView>;
