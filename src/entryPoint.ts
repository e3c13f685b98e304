import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Whether the module at `moduleUrl` is the script this process was started with (`tsx src/cli/ask.ts`,
 * a shard forked by the ShardingManager), not a module imported by a test or another file. Entry points
 * export `main(argv, io)` and start it only when this holds, so tests run them in-process.
 *
 * @example if (isEntryPoint(import.meta.url)) void runCli(() => main(process.argv.slice(2), processIo()));
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}
