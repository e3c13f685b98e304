import { cardJson, summaryJson } from '../entities/cardJson.ts';
import { formatCardText, formatListText } from '../entities/formatCard.ts';
import { ENTITY_TYPES, type EntityIndex, type EntityType, isEntityType } from '../entities/types.ts';
import { isEntryPoint } from '../entryPoint.ts';
import { type CliIo, parseCommandLine, processIo, runCli, UsageError } from './args.ts';
import { CORPUS_OPTIONS, loadEngineForCli } from './loadEngine.ts';

const USAGE = `usage: npm run entity -- "NAME" [--json] | --list [--type ${ENTITY_TYPES.join('|')}] [--json]   [--corpus DIR] [--follow-links] [--base-url URL] [--cache DIR | --no-cache]`;
/** How many near names an unknown name suggests. */
const NEAREST = 5;

/** `npm run entity`: prints one entity's card, or the list of entities (of one type). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    ...CORPUS_OPTIONS,
    json: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    type: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const type = values.type === undefined ? undefined : parseType(values.type);
  if (values.list) {
    if (positionals.length > 0) throw new UsageError(`--list takes no name. ${USAGE}`);
    const summaries = (await loadEntities(values, io)).list(type);
    io.stdout.write(values.json ? `${JSON.stringify(summaries.map(summaryJson))}\n` : `${formatListText(summaries)}\n`);
    return 0;
  }
  if (type !== undefined) throw new UsageError(`--type goes with --list. ${USAGE}`);
  if (positionals.length !== 1 || positionals[0]!.trim() === '') {
    throw new UsageError(positionals.length > 1 ? `give the name as one quoted argument. ${USAGE}` : `no name given. ${USAGE}`);
  }
  const name = positionals[0]!;
  const entities = await loadEntities(values, io);
  const card = entities.card(name);
  if (card) {
    io.stdout.write(values.json ? `${JSON.stringify(cardJson(card))}\n` : `${formatCardText(card)}\n`);
    return 0;
  }
  const nearest = entities.search(name, NEAREST).map((entity) => entity.name);
  if (values.json) io.stdout.write(`${JSON.stringify({ error: 'unknown entity', name, nearest })}\n`);
  io.stderr.write(`unknown entity: ${name}${nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : ''}\n`);
  return 1;
}

/** From the snapshot `ask` and the bot share, which stores the recognised names, when one matches. */
async function loadEntities(values: Parameters<typeof loadEngineForCli>[0], io: CliIo): Promise<EntityIndex> {
  return (await loadEngineForCli(values, io)).prepareEntities();
}

function parseType(value: string): EntityType {
  if (!isEntityType(value)) throw new UsageError(`--type must be one of ${ENTITY_TYPES.join(', ')}, got ${JSON.stringify(value)}`);
  return value;
}

if (isEntryPoint(import.meta.url)) await runCli(() => main(process.argv.slice(2), processIo()));
