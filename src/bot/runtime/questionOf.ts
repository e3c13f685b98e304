// User, role and channel mentions and mass pings address people in Discord; they are not part of the question.
const DISCORD_MENTION = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/g;

/** The question in a message, without mentions of the bot or anyone else. */
export function questionOf(content: string): string {
  return content.replace(DISCORD_MENTION, ' ').replace(/\s+/g, ' ').trim();
}
