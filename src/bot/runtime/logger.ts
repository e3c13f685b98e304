/** A structured logger: one JSON object per line. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface LoggerOptions {
  /** Strings that must never be written (the bot token); each is replaced by `[redacted]`. */
  secrets?: readonly string[];
  /** Where lines go; stdout by default. */
  write?(line: string): void;
  /** Clock for the `time` field. */
  now?(): Date;
}

// Interaction and webhook tokens ride in REST URLs that discord.js puts in its error messages.
const urlTokens = /(\/(?:webhooks|interactions)\/\d+\/)[\w.-]{20,}/g;

/** Replaces every secret, and any interaction token inside a URL, with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(urlTokens, '$1[redacted]');
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    const extra = value as Error & { code?: unknown; status?: unknown; url?: unknown };
    return { name: value.name, message: value.message, code: extra.code, status: extra.status, url: extra.url, stack: value.stack };
  }
  return value;
}

/**
 * A JSON-lines logger that redacts secrets from everything it writes, including error stacks.
 *
 * @example createLogger({ secrets: [token] }).error('reply failed', { error })
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const log =
    (level: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      const entry: Record<string, unknown> = { time: now().toISOString(), level, msg };
      for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
      write(redact(JSON.stringify(entry), secrets));
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
