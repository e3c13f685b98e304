import type { APIEmbed } from 'discord.js';

/** Discord's message limits, in characters (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const discordLimits = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  author: 256,
  /** Sum of title, description, field names and values, footer and author over all embeds of a message. */
  embedsTotal: 6000,
  buttonLabel: 80,
  customId: 100,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
} as const;

/** The characters of an embed that count towards the 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every limit a payload breaks, as readable strings; empty when it can be sent. */
export function limitViolations(payload: { content?: string; embeds?: APIEmbed[] }): string[] {
  const out: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) out.push(`${what} is ${length} > ${max}`);
  };
  over('content', payload.content?.length ?? 0, discordLimits.content);
  let total = 0;
  for (const embed of payload.embeds ?? []) {
    over('embed title', embed.title?.length ?? 0, discordLimits.embedTitle);
    over('embed description', embed.description?.length ?? 0, discordLimits.embedDescription);
    over('embed footer', embed.footer?.text.length ?? 0, discordLimits.footer);
    over('embed author', embed.author?.name.length ?? 0, discordLimits.author);
    over('embed fields', embed.fields?.length ?? 0, discordLimits.fields);
    for (const field of embed.fields ?? []) {
      over('field name', field.name.length, discordLimits.fieldName);
      over('field value', field.value.length, discordLimits.fieldValue);
      if (field.value.length === 0 || field.name.length === 0) out.push('field with empty name or value');
    }
    total += embedLength(embed);
  }
  over('embeds total', total, discordLimits.embedsTotal);
  return out;
}
