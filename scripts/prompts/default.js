/**
 * Description: builds what the model is asked for one turn: who the bot is, the rules of the
 *              channel, and what was said (or what happened, for a media change).
 * Matches: (prompt builder) used for every match, unless the personality exports its own `prompt`.
 * Returns: [system message, user message].
 * Config keys: personality.*, message_processing.max_message_length (the 240 below)
 * Example lines: "GrindhouseGreg says: best kick in film?"
 */
// @ts-check

/** @type {import('../types/prompts').PromptBuilder} */
export default function buildPrompt(personality, match, channel) {
  return [
    { role: 'system', content: systemPrompt(personality) },
    { role: 'user', content: userPrompt(match, channel) },
  ];
}

/** System prompts by personality (the personality object is frozen and replaced, never changed). */
const systemPrompts = new WeakMap();

/** @param {import('../types/personalities').PersonalityView} personality */
export function systemPrompt(personality) {
  let prompt = systemPrompts.get(personality);
  if (prompt === undefined) {
    prompt = buildSystemPrompt(personality);
    systemPrompts.set(personality, prompt);
  }
  return prompt;
}

/** @param {import('../types/personalities').PersonalityView} personality */
function buildSystemPrompt(personality) {
  return [
    `You are ${personality.name}, ${personality.description || 'a regular in this CyTube channel'}.`,
    personality.traits.length ? `Personality: ${personality.traits.join(', ')}.` : '',
    personality.expertise.length ? `Expertise: ${personality.expertise.join(', ')}.` : '',
    personality.responseStyle ? `Response style: ${personality.responseStyle}.` : '',
    'Rules: answer in under 240 characters; stay in character; be natural and conversational;',
    'no markdown, no lists, no emoji floods; never start with your own name.',
  ].filter(Boolean).join('\n');
}

/**
 * @param {import('../types/prompts').PromptMatch} match
 * @param {import('../types/kryten').Channel} channel
 */
export function userPrompt(match, channel) {
  const lines = [match.user ? `${match.user} says: ${match.text}` : match.text];
  const media = channel.media;
  if (match.user && media && media.title) {
    lines.push(`Now playing: ${media.title}${media.seconds ? ` (${Math.round(media.seconds / 60)} min)` : ''}.`);
  }
  const recent = channel.transcript(10);
  if (recent) lines.push('Recent conversation:', recent);
  if (match.context) lines.push(`Context: ${match.context}`);
  return lines.join('\n');
}
