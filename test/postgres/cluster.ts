import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's postgresql-15 puts the server's programs (`.ci/run` installs it when missing). */
export const postgresBin = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throw-away PostgreSQL cluster: its own folder, port and socket, trusted connections from this machine only. */
export interface Cluster {
  /** The server's superuser on 127.0.0.1, e.g. postgres://corpusqa@127.0.0.1:41234/postgres. */
  url: string;
  stop(): void;
}

/** The user the server runs as: this one, or (PostgreSQL refuses root) Debian's `postgres`, else `nobody`. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim()));
      return { name, uid: uid!, gid: gid! };
    } catch {
      // no such user: try the next
    }
  }
  throw new Error('cannot run PostgreSQL as root, and there is neither a `postgres` nor a `nobody` user to run it as');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * initdb into a new temporary folder, then pg_ctl start on a free 127.0.0.1 port with the socket in that folder,
 * as the current user (or, under root, as `postgres`/`nobody`). Takes a second or two. Throws with the
 * server's own words when it cannot start.
 */
export async function startCluster(): Promise<Cluster> {
  for (const program of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(postgresBin, program))) throw new Error(`no ${join(postgresBin, program)}: install Debian's postgresql-15`);
  }
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'corpus-qa-postgres-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const run = (program: string, args: string[]) => {
    const [command, all] = user
      ? ['runuser', ['-u', user.name, '--', join(postgresBin, program), ...args]]
      : [join(postgresBin, program), args];
    execFileSync(command, all, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'corpusqa', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    // fsync off: the cluster lives for one test run, and its speed is not what the tests measure.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '30', 'start']);
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString().trim();
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' / ') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${[output, serverLog].filter(Boolean).join(' / ') || (error as Error).message}`);
  }
  return {
    url: `postgres://corpusqa@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
