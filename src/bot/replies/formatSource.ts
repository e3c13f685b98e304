import type { CorpusDocument } from '../../corpus/types.ts';
import { formatDefaults } from './formatAnswer.ts';
import { discordLimits } from './limits.ts';
import { codeSpan, fitText } from './markdown.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

/**
 * A document's card: title, date, file and its lead passage. File and footer are capped (500, 300)
 * so that even a very long path keeps the message under Discord's 6,000-character total.
 */
export function formatSource(doc: CorpusDocument): ReplyPayload {
  const lead = doc.passages[0]?.text ?? '';
  return {
    embeds: [
      {
        color: formatDefaults.color,
        title: fitText(doc.title, discordLimits.embedTitle),
        description: lead ? `> ${fitText(lead.replace(/\s*\n\s*/g, ' '), discordLimits.embedDescription - 2)}` : '*No text passages.*',
        fields: [
          { name: 'Date', value: doc.date ?? 'unknown', inline: true },
          { name: 'File', value: doc.path.length < 500 ? codeSpan(doc.path) : fitText(doc.path, 500), inline: true },
        ],
        footer: { text: fitText(`${doc.passages.length} passage${doc.passages.length === 1 ? '' : 's'} · id ${doc.id}`, 300) },
      },
    ],
    allowedMentions: noMentions,
  };
}
