import { hash, verify } from "@node-rs/argon2";
import { createHash, randomBytes } from "node:crypto";

/**
 * Passwords and the random secrets handed out in cookies, links and API tokens.
 * Passwords are argon2id (OWASP's first choice: 19 MiB, 2 passes, 1 lane); secrets are 256 random
 * bits, and only their SHA-256 is stored, so reading the database never yields a usable secret.
 */
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which plain TypeScript erasure cannot import)
const COST = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, COST);

/** A hash of a password nobody knows, verified against when an address has no account, so that
 * answering "wrong password" takes as long for unknown addresses as for known ones. */
let decoy: Promise<string> | undefined;

/** How many passwords this process has checked (real or decoy): what the lockout bounds. */
let checked = 0;
export const passwordsChecked = () => checked;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  checked += 1;
  if (!stored) {
    decoy ??= hashPassword(randomBytes(16).toString("hex"));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

export const newSecret = (prefix = "") => `${prefix}${randomBytes(32).toString("base64url")}`;

export const digest = (secret: string): Buffer => createHash("sha256").update(secret).digest();

