import type { CorpusDocument } from '../corpus/types.ts';
import { formatDefaults } from './format.ts';
import { discordLimits } from './limits.ts';
import { codeSpan, fitText } from './markdown.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

/** A document's card: title, date, file and its lead passage. */
export function formatSource(doc: CorpusDocument): ReplyPayload {
  const lead = doc.passages[0]?.text ?? '';
  return {
    embeds: [{
      color: formatDefaults.color,
      title: fitText(doc.title, discordLimits.embedTitle),
      description: lead ? `> ${fitText(lead.replace(/\s*\n\s*/g, ' '), discordLimits.embedDescription - 2)}` : '*No text passages.*',
      fields: [
        { name: 'Date', value: doc.date ?? 'unknown', inline: true },
        { name: 'File', value: doc.path.length < 1000 ? codeSpan(doc.path) : fitText(doc.path, discordLimits.fieldValue), inline: true },
      ],
      footer: { text: fitText(`${doc.passages.length} passage${doc.passages.length === 1 ? '' : 's'} · id ${doc.id}`, discordLimits.footer) },
    }],
    allowedMentions: noMentions,
  };
}
