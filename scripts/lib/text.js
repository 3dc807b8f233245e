/**
 * Description: small text helpers shared by the triggers (an example of imports between scripts).
 * Matches: (library) not a trigger.
 * Returns: functions.
 * Config keys: none
 * Example lines: withoutNames('hey cynthia, hi', ['cynthia']) gives "hey hi".
 */
// @ts-check

/** @param {string} s */
export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One compiled expression per list of names (the list changes only with the personality). */
const namePatterns = new Map();

/**
 * Removes each name (whole word, with an optional leading @ and one punctuation mark after it).
 * "hey cynthia, how are you?" → "hey how are you?"
 * @param {string} text
 * @param {readonly string[]} names
 */
export function withoutNames(text, names) {
  const key = names.join('\u0000');
  let re = namePatterns.get(key);
  if (!re) {
    const alternatives = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
    re = new RegExp(`@?(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])[,.:;!?]?`, 'giu');
    namePatterns.set(key, re);
  }
  return text.replace(re, ' ').replace(/\s+/g, ' ').trim();
}
