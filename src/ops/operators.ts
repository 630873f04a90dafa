import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { oneLinePlainText } from '../lib/plain-text.js';
import type { Database, OperatorRole, OperatorRow } from '../store/schema.js';
import { accountKey } from './login-limiter.js';

export const OPERATOR_ROLES: readonly OperatorRole[] = ['admin', 'consultant', 'viewer'];
export const MIN_PASSWORD_LENGTH = 12;

/** argon2id (the library's default algorithm) with OWASP's second recommended setting: 19 MiB, 2 passes. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface OperatorView {
  id: number;
  email: string;
  display_name: string;
  role: OperatorRole;
  disabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

export function toOperatorView(r: OperatorRow): OperatorView {
  return {
    id: Number(r.id),
    email: r.email,
    display_name: r.display_name,
    role: r.role,
    disabled: r.disabled === 1,
    created_at: new Date(Number(r.created_at)).toISOString(),
    last_login_at: r.last_login_at === null ? null : new Date(Number(r.last_login_at)).toISOString(),
  };
}

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'e-mail address is not valid' }).max(254));
const newOperatorSchema = z.object({
  email: emailSchema,
  // Shown in the console, the inbox and the audit log: one line, no bidirectional overrides.
  display_name: z
    .string()
    .transform(oneLinePlainText)
    .pipe(z.string().min(1, 'display name is required').max(120, 'display name is too long')),
  role: z.enum(['admin', 'consultant', 'viewer'], { message: 'role must be admin, consultant or viewer' }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024),
});
export type NewOperator = z.input<typeof newOperatorSchema>;

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new AppError('VALIDATION_FAILED', r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

export function normaliseEmail(email: string): string {
  return parseOrThrow(emailSchema, email);
}

function checkPassword(password: string): string {
  return parseOrThrow(newOperatorSchema.shape.password, password);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function addOperator(db: Kysely<Database>, input: NewOperator, now: number): Promise<OperatorView> {
  const o = parseOrThrow(newOperatorSchema, input);
  const existing = await db
    .selectFrom('console_operators')
    .select('id')
    .where('email', '=', o.email)
    .executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', `an operator with e-mail ${o.email} already exists`, { field: 'email' });
  const row = await db
    .insertInto('console_operators')
    .values({
      email: o.email,
      display_name: o.display_name,
      role: o.role,
      password_hash: await hashPassword(o.password),
      disabled: 0,
      created_at: now,
      last_login_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOperatorView(row);
}

/** Whether an enabled admin exists (the start banner shows how to create the first one until then). */
export async function hasActiveAdmin(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('console_operators')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listOperators(db: Kysely<Database>): Promise<OperatorView[]> {
  const rows = await db.selectFrom('console_operators').selectAll().orderBy('email').execute();
  return rows.map(toOperatorView);
}

export async function findOperatorById(db: Kysely<Database>, id: number): Promise<OperatorRow | undefined> {
  return db.selectFrom('console_operators').selectAll().where('id', '=', id).executeTakeFirst();
}

async function requireOperator(db: Kysely<Database>, email: string): Promise<OperatorRow> {
  const e = normaliseEmail(email);
  const row = await db.selectFrom('console_operators').selectAll().where('email', '=', e).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no operator with e-mail ${e}`);
  return row;
}

/**
 * Disables (or re-enables) an operator; disabling also ends every session of theirs at once, and
 * re-enabling clears the failed sign-ins counted against the account, so they can sign in straight away.
 */
export async function setOperatorDisabled(
  db: Kysely<Database>,
  email: string,
  disabled: boolean,
): Promise<OperatorView> {
  const row = await requireOperator(db, email);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('console_operators')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', row.id)
      .execute();
    if (disabled) await trx.deleteFrom('console_sessions').where('operator_id', '=', row.id).execute();
    else await trx.deleteFrom('console_login_failures').where('key', '=', accountKey(row.email)).execute();
    return toOperatorView({ ...row, disabled: disabled ? 1 : 0 });
  });
}

/**
 * Sets a new password and ends the operator's sessions, so a stolen session dies with the old password.
 * It also clears the failed sign-ins counted against the account: the lock's message says to ask an
 * admin for a reset, and the reset is what lets the operator in again.
 */
export async function resetOperatorPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<OperatorView> {
  const row = await requireOperator(db, email);
  const password_hash = await hashPassword(checkPassword(password));
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('console_operators').set({ password_hash }).where('id', '=', row.id).execute();
    await trx.deleteFrom('console_sessions').where('operator_id', '=', row.id).execute();
    await trx.deleteFrom('console_login_failures').where('key', '=', accountKey(row.email)).execute();
  });
  return toOperatorView(row);
}

// A hash of a password nobody has, so an unknown e-mail costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

/** The operator whose e-mail and password these are, or null; a disabled operator never authenticates. */
export async function verifyOperatorPassword(
  db: Kysely<Database>,
  email: string,
  password: string,
): Promise<OperatorRow | null> {
  const parsed = emailSchema.safeParse(email);
  const row = parsed.success
    ? await db.selectFrom('console_operators').selectAll().where('email', '=', parsed.data).executeTakeFirst()
    : undefined;
  decoyHash ??= hashPassword('decoy-password-never-used');
  const ok = await verify(row?.password_hash ?? (await decoyHash), password.slice(0, 1024)).catch(() => false);
  if (!row || !ok || row.disabled === 1) return null;
  return row;
}
