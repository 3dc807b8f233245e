/**
 * Description: builds what the model is asked for one turn: who the bot is, the rules of the
 *              channel, and what was said.
 * Matches: (prompt builder) used for every trigger match.
 * Returns: [system message, user message].
 * Config keys: personality.*, message_processing.max_message_length (the 240 below)
 * Example lines: "GrindhouseGreg says: best kick in film?"
 */
// @ts-check

/** @type {import('../types/prompts').PromptBuilder} */
export default function buildPrompt(personality, match, channel) {
  const system = [
    `You are ${personality.name}, ${personality.description || 'a regular in this CyTube channel'}.`,
    personality.traits.length ? `Personality: ${personality.traits.join(', ')}.` : '',
    personality.expertise.length ? `Expertise: ${personality.expertise.join(', ')}.` : '',
    personality.responseStyle ? `Response style: ${personality.responseStyle}.` : '',
    'Rules: answer in under 240 characters; stay in character; be natural and conversational;',
    'no markdown, no lists, no emoji floods; never start with your own name.',
  ].filter(Boolean).join('\n');

  const lines = [`${match.user} says: ${match.text}`];
  const media = channel.media;
  if (media && media.title) {
    lines.push(`Now playing: ${media.title}${media.seconds ? ` (${Math.round(media.seconds / 60)} min)` : ''}.`);
  }
  const recent = channel.recent.slice(-10);
  if (recent.length) {
    lines.push('Recent conversation:');
    for (const line of recent) lines.push(`- ${line.user}: ${line.text}`);
  }
  if (match.context) lines.push(`Context: ${match.context}`);

  return [
    { role: 'system', content: system },
    { role: 'user', content: lines.join('\n') },
  ];
}
