// @ts-check
/** @type {import('../types/tests').TriggerTests} */
export default [
  { name: 'a name variation with a comma', message: { text: "hey cynthia, what's the best kick in film?" },
    expect: { name: 'mention', priority: 10, text: "hey what's the best kick in film?" } },
  { name: 'the chat name, any case, with @', message: { text: '@cynthiarothbot you up?' },
    expect: { name: 'mention', text: 'you up?' } },
  { name: 'a word that only contains the name', message: { text: 'that was very cynthiaesque' }, expect: null },
  { name: 'no name at all', message: { text: 'nice weather for a double feature' }, expect: null },
  { name: 'only the name', message: { text: 'Rothrock!' }, expect: { name: 'mention', text: 'Rothrock!' } },
];
