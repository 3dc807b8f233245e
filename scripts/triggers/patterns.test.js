// @ts-check
const triggers = [
  { name: 'kung_fu', patterns: ['kung fu', 'martial arts', 'karate'], probability: 1, cooldown_seconds: 180,
    max_responses_per_hour: 5, priority: 5, context: 'User is asking about martial arts or kung fu movies.',
    enabled: true, preferred_provider: null },
  { name: 'toddy', patterns: ['toddy', 'god-emperor', '/\\btodd(y|ie)s?\\b/'], probability: 0.15, cooldown_seconds: 300,
    max_responses_per_hour: 3, priority: 7, context: 'Toddy is your NEW god.', enabled: true, preferred_provider: 'local' },
  { name: 'off', patterns: ['disabled words'], probability: 1, cooldown_seconds: 0, max_responses_per_hour: 0,
    priority: 9, context: '', enabled: false, preferred_provider: null },
];

/** @type {import('../types/tests').TriggerTests} */
export default [
  { name: 'a phrase, any case', config: { triggers }, message: { text: 'any good Kung Fu movies tonight?' },
    expect: { name: 'kung_fu', priority: 5, cooldownSeconds: 180, maxPerHour: 5,
      context: 'User is asking about martial arts or kung fu movies.' } },
  { name: 'whole words only: karateka is not karate', config: { triggers }, message: { text: 'a karateka walks in' }, expect: null },
  { name: 'higher priority first, both returned', config: { triggers }, message: { text: 'toddy knows karate' },
    expect: [{ name: 'toddy', priority: 7, probability: 0.15, preferProvider: 'local' }, { name: 'kung_fu' }] },
  { name: 'a /regex/ pattern', config: { triggers }, message: { text: 'praise the toddies' }, expect: { name: 'toddy' } },
  { name: 'disabled triggers never match', config: { triggers }, message: { text: 'these are disabled words' }, expect: null },
  { name: 'no triggers configured', config: { triggers: [] }, message: { text: 'kung fu' }, expect: null },
];
