// @ts-check
const every3 = { enabled: true, base_message_interval: 3, probability_range: 0 };

/** @type {import('../types/tests').TriggerTests} */
export default [
  { name: 'off by default', message: { text: 'just chatting' },
    channel: { recent: [{ user: 'a', text: '1' }, { user: 'b', text: '2' }, { user: 'c', text: '3' }] }, expect: null },
  { name: 'quiet while the bot spoke recently', config: { auto_participation: every3 }, message: { text: 'hm' },
    channel: { recent: [{ user: 'a', text: '1' }, { user: 'CynthiaRothbot', text: 'hi', fromBot: true }] }, expect: null },
  { name: 'joins in after enough lines', config: { auto_participation: every3 }, message: { text: 'so anyway' },
    channel: { recent: [{ user: 'CynthiaRothbot', text: 'hi', fromBot: true }, { user: 'a', text: '1' }, { user: 'b', text: '2' }] },
    expect: { name: 'auto_participant', priority: 1 } },
];
