// Accounts and sessions. Passwords are hashed with scrypt (node:crypto) and a per-user salt; session cookies
// are random tokens of which only the sha256 is stored, so a copied database does not hold live sessions.
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { TongbiaoError } from '../errors.js';
import type { Db } from './db.js';
import { auditLog, regions, sessions, users } from './schema.js';

export const ROLES = ['reviewer', 'officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  name: string;
  region: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

/** How long a login lasts. */
export const SESSION_HOURS = 12;

// N = 2^15 (32 MiB with r = 8) — OWASP's floor for scrypt; about 50–100 ms per hash here.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32 };

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keylen, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

// Used when the user name is unknown, so a failed login takes as long whether or not the name exists.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const encoded = stored ?? (await (dummyHash ??= hashPassword('tongbiao-dummy-password')));
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const N = Number(n);
  if (!Number.isInteger(N) || N < 2 || expected.length === 0) return false;
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, { N, r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected) && stored !== undefined;
}

/** What a password must be: at least 8 characters. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return 'password must be at least 8 characters';
  if (password.length > 1024) return 'password is too long';
  return undefined;
}

export const USER_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

function toUser(row: typeof users.$inferSelect): User {
  return { id: row.id, name: row.name, region: row.region, role: row.role as Role, disabled: row.disabled, createdAt: row.createdAt };
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  return Number(row?.n ?? 0);
}

export async function findUser(db: Db, name: string): Promise<(User & { passwordHash: string }) | undefined> {
  const [row] = await db.select().from(users).where(eq(users.name, name));
  return row ? { ...toUser(row), passwordHash: row.passwordHash } : undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.select().from(users).orderBy(asc(users.name))).map(toUser);
}

export async function addUser(
  db: Db,
  input: { name: string; password: string; region: string; role: Role },
  actor: string,
): Promise<User> {
  if (!USER_NAME.test(input.name)) throw new TongbiaoError(`invalid user name '${input.name}' (letters, digits, . _ @ -; at most 64)`);
  if (!(ROLES as readonly string[]).includes(input.role)) throw new TongbiaoError(`--role must be one of ${ROLES.join(', ')}`);
  const problem = passwordProblem(input.password);
  if (problem) throw new TongbiaoError(problem);
  await knownRegion(db, input.region);
  if (await findUser(db, input.name)) throw new TongbiaoError(`user '${input.name}' already exists`);
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({ name: input.name, passwordHash, region: input.region, role: input.role })
    .returning();
  await audit(db, actor, 'user.add', input.region, input.name, { role: input.role });
  return toUser(row!);
}

export async function setPassword(db: Db, name: string, password: string, actor: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new TongbiaoError(problem);
  const user = await existing(db, name);
  const passwordHash = await hashPassword(password);
  await db.update(users).set({ passwordHash }).where(eq(users.id, user.id));
  await db.delete(sessions).where(eq(sessions.userId, user.id));
  await audit(db, actor, 'user.passwd', user.region, name, null);
}

/**
 * A change to an account refused for a reason its author can act on (no such user, the last admin…), in English —
 * the message, as the command line prints it — and in Chinese, for the accounts page, which speaks both.
 */
export class AccountError extends TongbiaoError {
  constructor(readonly text: { zh: string; en: string }) {
    super(text.en);
  }
}

/** The user or a one-line error naming it. */
async function existing(db: Db, name: string): Promise<User & { passwordHash: string }> {
  const user = await findUser(db, name);
  if (!user) throw new AccountError({ zh: `没有账号“${name}”`, en: `no user '${name}'` });
  return user;
}

async function knownRegion(db: Db, code: string): Promise<void> {
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!region) {
    throw new AccountError({ zh: `没有区划“${code}”（请先运行 tongbiao sync，或检查代码）`, en: `unknown region '${code}' (run 'tongbiao sync' first, or check the code)` });
  }
}

/**
 * Refuses a change that would leave no enabled admin: nobody could then manage accounts in the web UI (the
 * command line still can, but the person who notices is usually at a browser).
 */
async function keepAnAdmin(db: Db, user: User, after: { role: Role; disabled: boolean } | undefined): Promise<void> {
  if (user.role !== 'admin' || user.disabled) return;
  if (after && after.role === 'admin' && !after.disabled) return;
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
  if (Number(row?.n ?? 0) <= 1) {
    throw new AccountError({ zh: `“${user.name}”是最后一个启用的管理员：请先设置另一位管理员`, en: `'${user.name}' is the last enabled admin: make another admin first` });
  }
}

export async function disableUser(db: Db, name: string, actor: string): Promise<void> {
  const user = await existing(db, name);
  await keepAnAdmin(db, user, { role: user.role, disabled: true });
  await db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
  await db.delete(sessions).where(eq(sessions.userId, user.id));
  await audit(db, actor, 'user.disable', user.region, name, null);
}

export async function enableUser(db: Db, name: string, actor: string): Promise<void> {
  const user = await existing(db, name);
  if (!user.disabled) throw new AccountError({ zh: `账号“${name}”未被停用`, en: `user '${name}' is not disabled` });
  await db.update(users).set({ disabled: false }).where(eq(users.id, user.id));
  await audit(db, actor, 'user.enable', user.region, name, null);
}

/**
 * Moves an account to another role and/or region. Its sessions end, so that no page open under the old rights
 * keeps acting on them; the audit entry says what it was and what it is now.
 */
export async function changeUser(db: Db, name: string, change: { role?: string; region?: string }, actor: string): Promise<User> {
  const user = await existing(db, name);
  const role = change.role ?? user.role;
  if (!(ROLES as readonly string[]).includes(role)) throw new AccountError({ zh: `角色须为 ${ROLES.join('、')} 之一`, en: `role must be one of ${ROLES.join(', ')}` });
  const region = change.region ?? user.region;
  if (region !== user.region) await knownRegion(db, region);
  if (role === user.role && region === user.region) {
    throw new AccountError({ zh: `账号“${name}”的角色（${role}）和区划（${region}）都没有变`, en: `user '${name}' is already ${role} of ${region}` });
  }
  await keepAnAdmin(db, user, { role: role as Role, disabled: user.disabled });
  await db.update(users).set({ role, region }).where(eq(users.id, user.id));
  await db.delete(sessions).where(eq(sessions.userId, user.id));
  await audit(db, actor, 'user.change', region, name, { from: { role: user.role, region: user.region }, to: { role, region } });
  return toUser({ ...user, role, region });
}

/**
 * Deletes an account and its sessions. Its decisions and audit entries stay: they carry the name, not the
 * account, and the record of who decided what is not the account's to take away.
 */
export async function deleteUser(db: Db, name: string, actor: string): Promise<void> {
  const user = await existing(db, name);
  await keepAnAdmin(db, user, undefined);
  await db.delete(sessions).where(eq(sessions.userId, user.id));
  await db.delete(users).where(eq(users.id, user.id));
  await audit(db, actor, 'user.delete', user.region, name, { role: user.role });
}

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function createSession(db: Db, userId: number, now = new Date()): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await db.insert(sessions).values({ id: sha256(token), userId, csrfToken, expiresAt });
  return { token, csrfToken };
}

export async function getSession(db: Db, token: string, now = new Date()): Promise<Session | undefined> {
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, now.toISOString()), eq(users.disabled, false)));
  return row ? { user: toUser(row.user), csrfToken: row.csrfToken, expiresAt: row.expiresAt } : undefined;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now.toISOString()}`);
}

export async function audit(
  db: Db,
  actor: string,
  action: string,
  region: string | null,
  target: string | null,
  detail: Record<string, unknown> | null,
): Promise<void> {
  await db.insert(auditLog).values({ actor, action, region, target, detail });
}
