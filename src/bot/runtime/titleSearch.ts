import type { DocumentTitle } from '../../search/retriever.ts';
import { discordLimits } from '../replies/limits.ts';
import { clip } from '../replies/markdown.ts';
import type { QaEngine } from './deps.ts';

/**
 * Autocomplete choices for a document: the titles the engine finds for what was typed (at most Discord's
 * 25), each shown with its date, its value the document id.
 */
export async function titleChoices(engine: QaEngine, typed: string): Promise<{ name: string; value: string }[]> {
  return (await engine.findTitles(typed, discordLimits.choices)).map(titleChoice);
}

function titleChoice(doc: DocumentTitle): { name: string; value: string } {
  return {
    name: clip(doc.date ? `${doc.title} (${doc.date})` : doc.title, discordLimits.choiceName),
    value: doc.id.slice(0, discordLimits.choiceValue),
  };
}
