/**
 * Description: answers when someone names the bot.
 * Matches: the bot's chat name or any of the personality's name variations, as a whole word, in
 *          any case ("cynthia," and "@CynthiaRothbot" count, "cynthiaesque" does not).
 * Returns: match "mention", priority 10, with the line minus the name for the prompt
 *          ("hey cynthia, how are you?" → "hey how are you?"). A rule: the host checks it in Java
 *          on every line, with no script call.
 * Config keys: personality.character_name, personality.name_variations
 * Example lines: "hey cynthia, best kick in film?" / "CynthiaRothbot what is playing"
 */
// @ts-check

/** @type {import('../types/triggers').Rule[]} */
export const rules = [
  { mentions: true, stripMentions: true, match: { name: 'mention', priority: 10 } },
];
