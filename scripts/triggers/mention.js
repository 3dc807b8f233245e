/**
 * Description: answers when someone names the bot.
 * Matches: the bot's chat name or any of the personality's name variations, as a whole word, in
 *          any case ("cynthia," and "@CynthiaRothbot" count, "cynthiaesque" does not).
 * Returns: match "mention", priority 10, with the line minus the name for the prompt.
 * Config keys: personality.character_name, personality.name_variations
 * Example lines: "hey cynthia, best kick in film?" / "CynthiaRothbot what is playing"
 */
// @ts-check
import { withoutNames } from '../lib/text.js';

/** Only lines that name the bot reach the function below (checked in Java, once per line). */
/** @type {import('../types/triggers').Prefilter} */
export const prefilter = { mentions: true };

/** @type {import('../types/triggers').Trigger} */
export default function mention(message, channel) {
  if (!message.mentionsBot) return null;
  return {
    name: 'mention',
    priority: 10,
    text: withoutNames(message.text, channel.bot.names) || message.text,
  };
}
