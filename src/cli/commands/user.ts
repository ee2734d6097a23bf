import { TongbiaoError } from '../../errors.js';
import { openStore, resolveDbUrl } from '../../store/db.js';
import { addUser, changeUser, deleteUser, disableUser, enableUser, listUsers, ROLES, setPassword, type Role } from '../../store/users.js';
import { defineCommand, oneOf, type Io } from '../command.js';

export const user = defineCommand({
  name: 'user',
  help: `Usage: tongbiao user add NAME --region CODE --role reviewer|officer|admin
       tongbiao user list [--format text|json]
       tongbiao user passwd NAME
       tongbiao user disable NAME
       tongbiao user enable NAME
       tongbiao user set NAME [--role ROLE] [--region CODE]
       tongbiao user delete NAME

Accounts of the review web UI. A reviewer and an officer may decide discrepancies only in their
region and the regions below it (an officer may also reopen other people's decisions there); an
admin everywhere. Passwords (at least 8 characters) are asked for without echo on a terminal, or
read from the first line of standard input: echo "$PASSWORD" | tongbiao user add …
Passwords are stored as scrypt hashes with a per-user salt. Changing a password, a role or a region,
disabling or deleting an account ends its sessions. Deleting keeps the account's decisions and audit
entries (they name it). The last enabled admin cannot be disabled, demoted or deleted. Every change
is written to the audit log (also shown in the web UI, where admins can make the same changes).

Options:
  --region CODE    the account's region (6-digit code; the database must have been synced)
  --role ROLE      reviewer, officer or admin (for set: either or both)
  --format FORMAT  for list: text (default) or json
  --db URL         database (default: $TONGBIAO_DB, else file:data/tongbiao.db)
  -h, --help       show this help

Exit status: 0 done, 2 could not (unknown user or region, bad password, …).`,
  subcommands: {
    add: `Usage: tongbiao user add NAME --region CODE --role reviewer|officer|admin [--db URL]

Adds an account of the review web UI. The password (at least 8 characters) is asked for without echo
on a terminal, or read from the first line of standard input: echo "$PASSWORD" | tongbiao user add …

Options:
  --region CODE    the account's region (6-digit code; the database must have been synced)
  --role ROLE      reviewer, officer or admin
  --db URL         database (default: $TONGBIAO_DB, else file:data/tongbiao.db)
  -h, --help       show this help`,
    list: `Usage: tongbiao user list [--format text|json] [--db URL]

Lists the accounts: name, region, role, and whether disabled.

Options:
  --format FORMAT  text (default) or json
  --db URL         database (default: $TONGBIAO_DB, else file:data/tongbiao.db)
  -h, --help       show this help`,
    passwd: `Usage: tongbiao user passwd NAME [--db URL]

Sets an account's password (asked for without echo, or the first line of standard input) and ends
its sessions.`,
    disable: `Usage: tongbiao user disable NAME [--db URL]

Disables an account and ends its sessions; its decisions stay. The last enabled admin cannot be disabled.`,
    enable: `Usage: tongbiao user enable NAME [--db URL]

Enables a disabled account again.`,
    set: `Usage: tongbiao user set NAME [--role ROLE] [--region CODE] [--db URL]

Changes an account's role or region (either or both) and ends its sessions. The last enabled admin
cannot be demoted.`,
    delete: `Usage: tongbiao user delete NAME [--db URL]

Deletes an account and ends its sessions; its decisions and audit entries stay (they name it). The
last enabled admin cannot be deleted.`,
  },
  options: {
    region: { type: 'string' },
    role: { type: 'string' },
    format: { type: 'string' },
    db: { type: 'string' },
  },
  async run(values, positionals, io) {
    const [action, name, ...extra] = positionals;
    const actions = ['add', 'list', 'passwd', 'disable', 'enable', 'set', 'delete'];
    if (!action || !actions.includes(action)) throw new TongbiaoError(`user needs one of ${actions.join(', ')}. See 'tongbiao user --help'.`);
    if (extra.length > 0) throw new TongbiaoError(`unexpected argument '${extra[0]}'. See 'tongbiao user --help'.`);
    if (action !== 'list' && !name) throw new TongbiaoError(`user ${action} needs a user name. See 'tongbiao user --help'.`);
    const actor = `cli:${io.env.USER ?? io.env.USERNAME ?? 'unknown'}`;
    const store = await openStore(resolveDbUrl(values.db, io.env, io.cwd), io.env.TONGBIAO_DB_TOKEN || undefined);
    try {
      if (action === 'list') {
        const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
        const users = await listUsers(store.db);
        if (format === 'json') io.stdout.write(JSON.stringify({ users }) + '\n');
        else {
          for (const u of users) io.stdout.write(`${u.name}\t${u.region}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
          if (users.length === 0) io.stderr.write('no accounts\n');
        }
        return 0;
      }
      if (action === 'add') {
        if (!values.region) throw new TongbiaoError('user add needs --region CODE');
        const role = oneOf('role', values.role, ROLES, 'reviewer' as Role);
        if (values.role === undefined) throw new TongbiaoError(`user add needs --role (${ROLES.join(', ')})`);
        const password = await readPassword(io, true);
        await addUser(store.db, { name: name!, password, region: values.region, role }, actor);
        io.stdout.write(`added ${name} (${role}, region ${values.region})\n`);
        return 0;
      }
      if (action === 'passwd') {
        const password = await readPassword(io, true);
        await setPassword(store.db, name!, password, actor);
        io.stdout.write(`password of ${name} changed; its sessions ended\n`);
        return 0;
      }
      if (action === 'set') {
        if (values.role === undefined && values.region === undefined) throw new TongbiaoError('user set needs --role and/or --region');
        const role = values.role === undefined ? undefined : oneOf('role', values.role, ROLES, 'reviewer' as Role);
        const changed = await changeUser(store.db, name!, { ...(role ? { role } : {}), ...(values.region ? { region: values.region } : {}) }, actor);
        io.stdout.write(`${name} is now ${changed.role}, region ${changed.region}; its sessions ended\n`);
        return 0;
      }
      if (action === 'enable') {
        await enableUser(store.db, name!, actor);
        io.stdout.write(`enabled ${name}\n`);
        return 0;
      }
      if (action === 'delete') {
        await deleteUser(store.db, name!, actor);
        io.stdout.write(`deleted ${name}; its decisions and audit entries stay\n`);
        return 0;
      }
      await disableUser(store.db, name!, actor);
      io.stdout.write(`disabled ${name}; its sessions ended\n`);
      return 0;
    } finally {
      store.close();
    }
  },
});

/** On a terminal: asks twice without echo. Otherwise: the first line of standard input. */
export async function readPassword(io: Io, confirm: boolean): Promise<string> {
  if (io.stdin.isTTY) {
    const first = await promptHidden(io, 'Password: ');
    if (confirm) {
      const second = await promptHidden(io, 'Again: ');
      if (first !== second) throw new TongbiaoError('the two passwords differ');
    }
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    if (Buffer.concat(chunks).includes(10)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (line === '') throw new TongbiaoError('no password on standard input');
  return line;
}

function promptHidden(io: Io, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  return new Promise((resolve, reject) => {
    io.stderr.write(prompt);
    let value = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw ?? false);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new TongbiaoError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
