// @ts-check
const on = { enabled: true, min_duration_minutes: 30, chat_context_depth: 3, transition_explanation: 'The media has just changed.' };

/** @type {import('../types/tests').TriggerTests} */
export default [
  { name: 'off by default', media: { title: 'Lady Terminator (1989)', seconds: 5340 }, expect: null },
  { name: 'a short clip is not commented', config: { media_change: on }, media: { title: 'Trailer', seconds: 212 }, expect: null },
  { name: 'a feature film is', config: { media_change: on }, media: { title: 'Lady Terminator (1989)', seconds: 5340 },
    expect: { name: 'media_change', priority: 3, text: 'Now playing: Lady Terminator (1989) (89 min).' } },
  { name: 'the next one mentions the previous feature', config: { media_change: on },
    media: { title: 'Yes, Madam! (1985)', seconds: 5580 },
    expect: { name: 'media_change', context: 'The media has just changed. Before it: Lady Terminator (1989). Say something short and fun about the new film to the channel.' } },
];
