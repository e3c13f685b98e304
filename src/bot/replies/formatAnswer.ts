import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import type { Answer } from '../../answer/answer.ts';
import { certaintyLine, documentDateNote, shownShortAnswer } from '../../answer/certainty.ts';
import { locationLabel } from '../../corpus/citation.ts';
import type { Citation } from '../../corpus/corpusDocument.ts';
import { customIds } from './customIds.ts';
import { discordLimits } from './limits.ts';
import { codeSpan, escapeMarkdown, fitText, linkTarget, renderFitted, type Segment } from './markdown.ts';
import { buttonRow, noMentions, type ReplyPayload } from './payload.ts';
import { questionTerms, quoteMarkdown, quoteSegments, withElisions } from './quote.ts';

/** A citation with the verbatim text it points at. */
export interface CitedText {
  citation: Citation;
  text: string;
}

export const formatDefaults = {
  /** Embed colour of answers (Discord blurple). */
  color: 0x5865f2,
  /** Nearest sources listed under an abstention. */
  nearestShown: 3,
  /** Sources per "More sources" page. */
  sourcesPerPage: 3,
} as const;

/** How a server wants its answers, and what the bot can offer on them. */
export interface AnswerFormat {
  /** The id under which the answer was logged: adds 👍/👎 buttons that rate it. None, no buttons. */
  voteId?: number;
  /** Show the short answer in bold, in the message and in the quote (a server setting; default true). */
  boldAnswer?: boolean;
  /** Offer "Ask a follow-up", which opens a thread under the answer (not inside a thread: there, just ask). */
  followUpButton?: boolean;
  /** Rows of buttons under the answer's own (a help post's ✅ Solved and 🙋 Ask a human). */
  extraRows?: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Longest interpretation line, in characters: it says how the question was read, briefly. */
const INTERPRETATION_CHARS = 300;

/**
 * How a follow-up was read, as a quiet line (Discord's small grey "-#" text): "taking *he* as Fuad
 * Allahverdiyev", or for a fragment ("And in Turkey?") the question it was read as. Null when the question
 * was read as asked.
 *
 * @example interpretationLine(answer) // → '-# taking *he* as Fuad Allahverdiyev'
 */
export function interpretationLine(answer: Answer): string | null {
  if (answer.interpreted === null || answer.references.length === 0) return null;
  const segments: Segment[] = [];
  if (answer.references.some((reference) => reference.said === answer.question)) {
    segments.push({ text: 'reading this as ', style: 'plain' }, { text: answer.interpreted, style: 'italic' });
  } else {
    segments.push({ text: 'taking ', style: 'plain' });
    answer.references.forEach(({ said, as }, i) => {
      if (i > 0) segments.push({ text: ', ', style: 'plain' });
      segments.push({ text: said, style: 'italic' }, { text: ` as ${as}`, style: 'plain' });
    });
  }
  return `-# ${renderFitted(segments, INTERPRETATION_CHARS)}`;
}

/**
 * "Title · `guide/setup.md` · line 14 · 2021-03-05": the citation line users see under every quote. When
 * the document has a URL the title links to it, written `[title](<url>)` so Discord shows no preview.
 */
export function citationLine(citation: Citation, max: number = discordLimits.fieldValue): string {
  const where = locationLabel(citation.location);
  const tail = ` · ${codeSpan(citation.path)}${where ? ` · ${escapeMarkdown(where)}` : ''}${citation.date ? ` · ${citation.date}` : ''}`;
  const url = citation.url === null ? null : linkTarget(citation.url);
  const linkedBudget = url === null ? 0 : max - tail.length - url.length - '[](<>)'.length;
  if (url !== null && linkedBudget >= 10) return `[${fitText(citation.title, linkedBudget)}](<${url}>)${tail}`;
  return `${fitText(citation.title, Math.max(1, max - tail.length))}${tail}`;
}

/**
 * An answer as a Discord message: the short answer as the content (in bold unless the server turned that
 * off) when it is sure enough to stand alone (`shownShortAnswer`), with a quiet line saying how a follow-up
 * was read; the question (as read), the quote (that answer bold, question terms italic) and the citation in
 * an embed, with how sure it is in words as the footer; "More sources" (and, when asked, "Ask a follow-up")
 * buttons when the question could be read back from the title, and 👍/👎 when the answer was logged. An
 * abstention is a plain "not in the corpus" text with the nearest sources.
 *
 * @example formatAnswer(engine.answer("who met Portugal's minister?")).content // → '**Ali Abbasov**'
 */
export function formatAnswer(answer: Answer, nearest: readonly CitedText[] = [], format: AnswerFormat = {}): ReplyPayload {
  const interpretation = interpretationLine(answer);
  if (!answer.answered || answer.quote === null || answer.source === null) {
    const abstention = formatAbstention(nearest);
    return interpretation === null ? abstention : { ...abstention, content: `${abstention.content}\n${interpretation}` };
  }
  const bold = format.boldAnswer ?? true;
  // A follow-up's title is the question as read, so it stands on its own ("More sources" reads it back).
  const question = answer.interpreted ?? answer.question;
  const terms = questionTerms(question);
  const title = fitText(question, discordLimits.embedTitle);
  const shown = shownShortAnswer(answer);
  const embed: APIEmbed = {
    color: formatDefaults.color,
    title,
    description: quoteMarkdown(
      answer.quote,
      answer.quoteLayout ?? [],
      bold ? shown : null,
      terms,
      answer.source.elided,
      discordLimits.embedDescription,
    ),
    fields: [{ name: 'Source', value: citationLine(answer.source) }],
    footer: { text: certaintyLine(answer) },
  };
  // The buttons read the question back from the title, so they only appear when the title is whole.
  const readable = title === escapeMarkdown(question);
  const buttons = [
    ...(readable ? [{ customId: customIds.moreSources.id({ offset: 0 }), label: 'More sources' }] : []),
    ...(format.voteId === undefined
      ? []
      : [
          { customId: customIds.vote.id({ direction: 'up', answer: format.voteId }), label: '👍' },
          { customId: customIds.vote.id({ direction: 'down', answer: format.voteId }), label: '👎' },
        ]),
    ...(readable && format.followUpButton ? [{ customId: customIds.followUp.id({}), label: 'Ask a follow-up' }] : []),
  ];
  const dated = documentDateNote(answer);
  const content = [
    shown && !dated
      ? renderFitted([{ text: shown, style: bold ? 'bold' : 'plain' }], discordLimits.content - INTERPRETATION_CHARS - 4)
      : null,
    dated === null ? null : `-# ${escapeMarkdown(dated)}`,
    interpretation,
  ].filter((line) => line !== null);
  return {
    ...(content.length > 0 ? { content: content.join('\n') } : {}),
    embeds: [embed],
    components: [...(buttons.length > 0 ? [buttonRow(buttons)] : []), ...(format.extraRows ?? [])],
    allowedMentions: noMentions,
  };
}

/** "That's not in the corpus." with the nearest sources, as plain text. */
export function formatAbstention(nearest: readonly CitedText[]): ReplyPayload {
  const lines = ["That's not in the corpus: no passage answers this question."];
  const shown = nearest.slice(0, formatDefaults.nearestShown);
  if (shown.length > 0) {
    lines.push('Nearest sources:');
    for (const { citation } of shown) lines.push(`• ${citationLine(citation, 300)}`);
  }
  return { content: lines.join('\n'), allowedMentions: noMentions };
}

/**
 * One page of further sources for a question: each quote with its citation, and a button for the
 * next page when there is one.
 */
export function formatMoreSources(question: string, sources: readonly CitedText[], offset: number, hasMore: boolean): ReplyPayload {
  if (sources.length === 0) {
    return { content: 'No more sources for this question.', allowedMentions: noMentions };
  }
  const terms = questionTerms(question);
  const fields = sources.map(({ citation, text }, i) => {
    const cite = citationLine(citation, 300);
    return {
      name: `${offset + i + 1}. ${fitText(citation.title, discordLimits.fieldName - 8)}`,
      value: `> ${renderFitted(withElisions(quoteSegments(text, null, terms), citation.elided), discordLimits.fieldValue - cite.length - 3)}\n${cite}`,
    };
  });
  const title = fitText(`More sources: ${question}`, discordLimits.embedTitle);
  const readable = title === escapeMarkdown(`More sources: ${question}`);
  return {
    embeds: [{ color: formatDefaults.color, title, fields }],
    components:
      hasMore && readable
        ? [buttonRow([{ customId: customIds.moreSources.id({ offset: offset + sources.length }), label: 'More sources' }])]
        : [],
    allowedMentions: noMentions,
  };
}
