import { cardJson, summaryJson } from '../entities/cardJson.ts';
import { ENTITY_TYPES, type EntityIndex, type EntityType, isEntityType } from '../entities/entityIndex.ts';
import { formatCardText, formatListText } from '../entities/formatCard.ts';
import { isEntryPoint } from '../entryPoint.ts';
import { type CliIo, runCli } from './cliIo.ts';
import { defineCommand, helpText, parseCommand, UsageError } from './commandLine.ts';
import { CORPUS_OPTIONS, type CorpusValues, openEngineForCli } from './loadEngine.ts';
import { jsonLine } from './terminalText.ts';

export const entityCommand = defineCommand({
  run: 'npm run entity --',
  usage: ['"NAME" [--json] [options]', `--list [--type ${ENTITY_TYPES.join('|')}] [--json] [options]`],
  summary: [
    'What the corpus says of a person, organization or place: its type, other names, roles, quoted mentions,',
    'documents and related names. --list lists the names the corpus mentions, most mentioned first.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', description: 'print JSON: {"name","type","aliases","roles","mentions","documents","related"}' },
    list: { type: 'boolean', description: 'list the names instead of describing one' },
    type: { type: 'string', value: 'TYPE', description: `with --list, only this type: ${ENTITY_TYPES.join(', ')}` },
    ...CORPUS_OPTIONS,
  },
  examples: ['npm run entity -- "Abbasov"', 'npm run entity -- --list --type person'],
});

/** How many near names an unknown name suggests. */
const NEAREST = 5;

/** `npm run entity`: prints one entity's card, or the list of entities (of one type). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(entityCommand, argv);
  if (values.help) {
    io.stdout.write(helpText(entityCommand));
    return 0;
  }
  const type = values.type === undefined ? undefined : parseType(values.type);
  if (values.list) {
    if (positionals.length > 0) throw new UsageError('--list takes no name: npm run entity -- --list [--type TYPE]');
    const summaries = (await loadEntities(values, io)).list(type);
    io.stdout.write(values.json ? jsonLine(summaries.map(summaryJson)) : `${formatListText(summaries)}\n`);
    return 0;
  }
  if (type !== undefined) throw new UsageError('--type goes with --list: npm run entity -- --list --type TYPE');
  if (positionals.length !== 1 || positionals[0]!.trim() === '') {
    throw new UsageError(
      positionals.length > 1 ? 'give the name as one quoted argument: npm run entity -- "NAME"' : 'no name given: npm run entity -- "NAME"',
    );
  }
  const name = positionals[0]!;
  const entities = await loadEntities(values, io);
  const card = entities.card(name);
  if (card) {
    io.stdout.write(values.json ? jsonLine(cardJson(card)) : `${formatCardText(card)}\n`);
    return 0;
  }
  const nearest = entities.search(name, NEAREST).map((entity) => entity.name);
  if (values.json) io.stdout.write(jsonLine({ error: 'unknown entity', name, nearest }));
  io.stderr.write(`unknown entity: ${name}${nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : ''}\n`);
  return 1;
}

/**
 * From the snapshot `ask` and the bot share, which stores the recognised names, when one matches; under
 * `SEARCH=postgres`, from the names the indexer stored in the database.
 */
async function loadEntities(values: CorpusValues, io: CliIo): Promise<EntityIndex> {
  const { engine, close } = await openEngineForCli(values, io);
  try {
    return await engine.prepareEntities();
  } finally {
    await close();
  }
}

function parseType(value: string): EntityType {
  if (!isEntityType(value)) throw new UsageError(`--type must be one of ${ENTITY_TYPES.join(', ')}, got ${JSON.stringify(value)}`);
  return value;
}

if (isEntryPoint(import.meta.url)) await runCli((io) => main(process.argv.slice(2), io));
