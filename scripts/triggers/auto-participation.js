/**
 * Description: an occasional unprompted remark once enough has been said without the bot.
 * Matches: any line, when auto_participation.enabled and at least N lines passed since the bot
 *          last spoke; N is drawn from base_message_interval × (1 ± probability_range), redrawn after each remark.
 * Returns: match "auto_participant", priority 1 (anything else wins).
 * Config keys: auto_participation.enabled, base_message_interval, probability_range
 * Example lines: (the 20th line of a conversation the bot was not part of)
 */
// @ts-check

/** Off unless enabled: the host then never calls this trigger. */
/** @type {import('../types/triggers').PrefilterFunction} */
export function prefilter(config) {
  return config.auto_participation.enabled ? null : false;
}

let threshold = 0;

/** @param {{base_message_interval: number, probability_range: number}} s */
function draw(s) {
  const low = Math.max(1, Math.floor(s.base_message_interval * (1 - s.probability_range)));
  const high = Math.min(100, Math.ceil(s.base_message_interval * (1 + s.probability_range)));
  return low + Math.floor(Math.random() * (high - low + 1));
}

/** @type {import('../types/triggers').Trigger} */
export default function autoParticipation(message, channel, config) {
  const settings = config.auto_participation;
  if (threshold === 0) threshold = draw(settings);
  // lines since the bot spoke, counting this one
  if (channel.linesSinceBotSpoke + 1 < threshold) return null;
  threshold = draw(settings);
  return {
    name: 'auto_participant',
    priority: 1,
    cooldownSeconds: 60, // if the answer fails, do not try again on every following line
    context: 'Nobody asked you; join the conversation naturally with one short remark about what people are discussing.',
  };
}
