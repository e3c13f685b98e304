import type { Answer, AnswerOptions, RankingFeedback } from '../../answer/answer.ts';
import { furtherCitations, nearestDocuments } from '../../answer/furtherSources.ts';
import type { Turn } from '../../conversation/turn.ts';
import type { Citation } from '../../corpus/corpusDocument.ts';
import { InvalidQuestionError } from '../../errors.ts';
import { type CitedText, formatAnswer, formatDefaults, formatMoreSources } from '../replies/formatAnswer.ts';
import { formatNotCovered, helpButtons } from '../replies/formatHelpPost.ts';
import type { ReplyPayload } from '../replies/payload.ts';
import type { GuildSettings } from '../storage/guildSettings.ts';
import { questionKey } from '../storage/questionKey.ts';
import type { BotStore } from '../storage/store.ts';
import type { BotDeps, QaEngine } from './deps.ts';
import type { Logger } from './logger.ts';

/**
 * Where a question was asked, when the bot keeps a memory: the server's feedback on the question reorders
 * the ranking, the question is logged, and the answer gets 👍/👎 buttons.
 */
export interface AskedIn {
  store: BotStore;
  logger: Logger;
  guildId: string;
  channelId: string;
  userId: string;
  /** The server's settings, read once for this question. */
  settings: GuildSettings;
}

/** A short notice meant for the asker only. */
export type Notice = { kind: 'notice'; text: string };

/**
 * What to send for a question: an answer message (and the answer, for the conversation; `covered` false when
 * the reply says the question is not covered; `questionId` when it was logged at once), or a notice.
 */
export type AskResult = { kind: 'answer'; payload: ReplyPayload; answer: Answer; covered: boolean; questionId?: number } | Notice;

export interface AskOptions {
  /** Where the question was asked, when the bot keeps a memory. */
  asked?: AskedIn;
  /** The conversation so far, when the question is a follow-up. */
  after?: readonly Turn[];
  /** Offer "Ask a follow-up" under the answer. */
  followUpButton?: boolean;
  /**
   * Asked in a help channel: an answer whose quote confidence is below `minConfidence` (or an abstention) is
   * not posted as an answer but as "the docs don't seem to cover this" with the nearest sources, and every
   * reply carries ✅ Solved and 🙋 Ask a human.
   */
  help?: { minConfidence: number };
}

/** The memory a question asked here should use: none in DMs (no server to learn for) or without a store. */
export async function askedIn(
  deps: BotDeps,
  where: { guildId: string | null; channelId: string; userId: string },
): Promise<AskedIn | undefined> {
  if (!deps.store || where.guildId === null) return undefined;
  const { store, logger } = deps;
  return { store, logger, ...where, guildId: where.guildId, settings: await store.settings.get(where.guildId) };
}

export const emptyQuestionNotice = "Ask me a question about the corpus, for example: `/ask question: Who met Portugal's minister?`";

/** Citations with the verbatim text they point at, skipping any whose document is unknown. */
export function citedTexts(engine: QaEngine, citations: readonly Citation[]): CitedText[] {
  const out: CitedText[] = [];
  for (const citation of citations) {
    const doc = engine.document(citation.doc);
    if (doc) out.push({ citation, text: doc.text.slice(citation.start, citation.end) });
  }
  return out;
}

/**
 * Asks the engine and formats the result. Questions the engine refuses (empty, huge, unusable)
 * come back as a notice carrying the engine's own user-facing message; anything else throws.
 */
export async function ask(engine: QaEngine, question: string, options: AskOptions = {}): Promise<AskResult> {
  const { asked, after = [] } = options;
  const trimmed = question.trim();
  if (trimmed === '') return { kind: 'notice', text: emptyQuestionNotice };
  // A follow-up's feedback and log entry are those of the question it was read as.
  const keyOf = (interpreted: string | null) => questionKey(interpreted ?? trimmed);
  let answer: Answer;
  try {
    const interpreted = after.length === 0 ? null : engine.interpret(trimmed, { after });
    const feedback = asked && (await serverFeedback(asked.store, asked.guildId, keyOf(interpreted)));
    answer = await engine.ask(trimmed, withFeedback({ after }, feedback));
  } catch (error) {
    if (error instanceof InvalidQuestionError) return { kind: 'notice', text: error.message };
    throw error;
  }
  const key = keyOf(answer.interpreted);
  const { help } = options;
  const covered = answer.answered && (help === undefined || answer.confidence >= help.minConfidence);
  const answerId = asked ? await logAnswer(asked, answer, key, covered) : undefined;
  const logged = answerId === undefined ? {} : { questionId: answerId };
  if (help && !covered) return { kind: 'answer', payload: formatNotCovered(nearestDocuments(engine, answer)), answer, covered, ...logged };
  const format = {
    boldAnswer: asked?.settings.boldAnswer ?? true,
    ...(covered && answerId !== undefined ? { voteId: answerId } : {}),
    followUpButton: options.followUpButton ?? false,
    ...(help ? { extraRows: [helpButtons()] } : {}),
  };
  return { kind: 'answer', payload: formatAnswer(answer, citedTexts(engine, answer.nearest), format), answer, covered, ...logged };
}

/** A server's feedback on a question, as the engine takes it. */
export function serverFeedback(store: BotStore, guildId: string, key: string): Promise<RankingFeedback | undefined> {
  return store.feedback.rankingFeedback(guildId, key);
}

function withFeedback(options: AnswerOptions, feedback: RankingFeedback | undefined): AnswerOptions {
  return feedback ? { ...options, feedback } : options;
}

/**
 * Logs the question and returns its id. A question that waits on another process's lock (queued, see
 * QuestionQueue) or cannot be written (a full disk) costs the answer its vote buttons, never the answer itself.
 */
async function logAnswer(asked: AskedIn, answer: Answer, key: string, covered: boolean): Promise<number | undefined> {
  const { store } = asked;
  try {
    return await store.logQuestion({
      guild: asked.guildId,
      channel: asked.channelId,
      userHash: store.hashUser(asked.userId),
      question: answer.interpreted ?? answer.question,
      key,
      // A help post's answer held back as not sure enough counts as unanswered, in /gaps and /stats alike.
      answered: covered,
      source: covered && answer.source ? { doc: answer.source.doc, start: answer.source.start, end: answer.source.end } : null,
      confidence: answer.confidence,
      nearest: answer.nearest,
    });
  } catch (error) {
    asked.logger.warn('question not logged', { guild: asked.guildId, error });
    return undefined;
  }
}

/**
 * The sources after the quoted one, best first, with their text: the engine's nearest citations, then the
 * other ranked sentences, without repeats or the answer's own quote.
 */
export function furtherSources(engine: QaEngine, answer: Answer): CitedText[] {
  return citedTexts(engine, furtherCitations(engine, answer));
}

/** The page of further sources that starts at `offset`, ranked with the server's feedback when given. */
export async function moreSources(
  engine: QaEngine,
  question: string,
  offset: number,
  feedback?: RankingFeedback,
): Promise<{ kind: 'answer'; payload: ReplyPayload } | Notice> {
  const perPage = formatDefaults.sourcesPerPage;
  let answer: Answer;
  try {
    answer = await engine.ask(question, withFeedback({ top: offset + perPage + 2 }, feedback));
  } catch (error) {
    if (error instanceof InvalidQuestionError) return { kind: 'notice', text: error.message };
    throw error;
  }
  const sources = furtherSources(engine, answer);
  const page = sources.slice(offset, offset + perPage);
  return { kind: 'answer', payload: formatMoreSources(question, page, offset, sources.length > offset + perPage) };
}
