/**
 * Description: kryten-llm's trigger words: each entry of the config's `triggers` list answers, now
 *              and then, when one of its patterns appears ("kung fu", "toddy", ...).
 * Matches: a pattern as a whole word or phrase, any case; "/regex/" patterns as regular expressions.
 * Returns: one match per config trigger that matched (the host takes the highest priority, rolls
 *          its probability, and applies its cooldown and hourly limit; a failed roll gives the next one its chance).
 * Config keys: triggers[].name, patterns, probability, cooldown_seconds, max_responses_per_hour,
 *              priority, context, enabled, preferred_provider
 * Example lines: "any good kung fu movies?" / "all hail toddy"
 */
// @ts-check
import { wholeWord } from '../lib/text.js';

/** Only lines containing some configured pattern reach the function (checked in Java). */
/** @type {import('../types/triggers').PrefilterFunction} */
export function prefilter(config) {
  const patterns = config.triggers.filter((t) => t.enabled).flatMap((t) => t.patterns);
  if (!patterns.length) return false;
  const words = patterns.filter((p) => !(p.length > 2 && p.startsWith('/') && p.endsWith('/')));
  const regexes = patterns.filter((p) => p.length > 2 && p.startsWith('/') && p.endsWith('/')).map((p) => p.slice(1, -1));
  return { words, pattern: regexes.length ? regexes.join('|') : undefined };
}

/** Compiled patterns, rebuilt when the config changes. */
let compiled = { source: /** @type {unknown} */ (null), triggers: /** @type {{t: any, res: RegExp[]}[]} */ ([]) };

/** @param {import('../types/kryten').ScriptConfig} config */
function triggersOf(config) {
  if (compiled.source !== config.triggers) {
    compiled = {
      source: config.triggers,
      triggers: config.triggers.filter((t) => t.enabled).map((t) => ({ t, res: t.patterns.map(wholeWord) })),
    };
  }
  return compiled.triggers;
}

/** @type {import('../types/triggers').Trigger} */
export default function patterns(message, channel, config) {
  const matches = [];
  for (const { t, res } of triggersOf(config)) {
    if (res.some((re) => re.test(message.text))) {
      matches.push({
        name: t.name,
        priority: t.priority,
        probability: t.probability,
        context: t.context,
        cooldownSeconds: t.cooldown_seconds,
        maxPerHour: t.max_responses_per_hour,
        preferProvider: t.preferred_provider ?? undefined,
      });
    }
  }
  return matches.length ? matches : null;
}
