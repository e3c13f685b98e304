import type { CorpusDocument } from '../../corpus/corpusDocument.ts';
import { formatDefaults } from './formatAnswer.ts';
import { discordLimits } from './limits.ts';
import { codeSpan, fitText, linkTarget } from './markdown.ts';
import { noMentions, type ReplyPayload } from './payload.ts';

/**
 * A document's card: title (linked when the document has a URL), date, file, link and its lead passage.
 * File, link and footer are capped (500, 500, 300) so that even a very long path keeps the message under
 * Discord's 6,000-character total.
 */
export function formatSource(doc: CorpusDocument): ReplyPayload {
  const lead = doc.passages[0]?.text ?? '';
  return {
    embeds: [
      {
        color: formatDefaults.color,
        title: fitText(doc.title, discordLimits.embedTitle),
        ...(doc.url && { url: doc.url }),
        description: lead ? `> ${fitText(lead.replace(/\s*\n\s*/g, ' '), discordLimits.embedDescription - 2)}` : '*No text passages.*',
        fields: [
          { name: 'Date', value: doc.date ?? 'unknown', inline: true },
          { name: 'File', value: doc.path.length < 500 ? codeSpan(doc.path) : fitText(doc.path, 500), inline: true },
          // A cut URL would lead nowhere: a very long one is linked from the title only.
          ...(doc.url && doc.url.length <= 450 ? [{ name: 'Link', value: `<${linkTarget(doc.url)}>`, inline: false }] : []),
        ],
        footer: { text: fitText(`${doc.passages.length} passage${doc.passages.length === 1 ? '' : 's'} · id ${doc.id}`, 300) },
      },
    ],
    allowedMentions: noMentions,
  };
}
