/**
 * Description: kryten-llm's trigger words: each entry of the config's `triggers` list answers, now
 *              and then, when one of its patterns appears ("kung fu", "toddy", ...).
 * Matches: a pattern as a whole word or phrase, any case; "/regex/" patterns as regular expressions.
 * Returns: one rule per enabled config trigger. Rules are data: the host checks them in Java on
 *          every line without calling this script, takes the highest priority match, rolls its
 *          probability and applies its cooldown and hourly limit (a failed roll gives the next one its chance).
 * Config keys: triggers[].name, patterns, probability, cooldown_seconds, max_responses_per_hour,
 *              priority, context, enabled, preferred_provider
 * Example lines: "any good kung fu movies?" / "all hail toddy"
 */
// @ts-check

/** Called when the scripts or the config change, not per line. */
/** @type {import('../types/triggers').RulesFunction} */
export function rules(config) {
  return config.triggers.filter((t) => t.enabled).map((t) => {
    const regexes = t.patterns.filter(isRegex).map((p) => p.slice(1, -1));
    return {
      words: t.patterns.filter((p) => !isRegex(p)),
      pattern: regexes.length ? regexes.join('|') : undefined,
      match: {
        name: t.name,
        priority: t.priority,
        probability: t.probability,
        context: t.context,
        cooldownSeconds: t.cooldown_seconds,
        maxPerHour: t.max_responses_per_hour,
        preferProvider: t.preferred_provider ?? undefined,
      },
    };
  });
}

/** @param {string} p */
function isRegex(p) {
  return p.length > 2 && p.startsWith('/') && p.endsWith('/');
}
