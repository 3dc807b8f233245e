import type { Channel, Message } from './kryten';

/** What a trigger returns to say "answer this". */
export interface Match {
  /** Match name for logs; default: the trigger file's name. */
  name?: string;
  /** Higher wins when several triggers match. Default 5; the mention trigger uses 10. */
  priority?: number;
  /** Chance (0–1) to really answer once matched, rolled after the match. Default 1. */
  probability?: number;
  /** A hint added to the prompt ("User is asking about kung fu movies."). Default "". */
  context?: string;
  /** What the user said, as the prompt should see it. Default: message.text. */
  text?: string;
  /** A provider name (a key of llm_providers) to try first. Default: none. */
  preferProvider?: string;
}

/**
 * A trigger: the default export of a file in scripts/triggers/. Return null (or false) for
 * "no match". It runs on the channel's lane for every line that passes the prefilter: keep it cheap.
 */
export type Trigger = (message: Message, channel: Channel) => Match | null | false;

/**
 * Cheap checks run in Java before the trigger is called; a line passes when any holds.
 * Export it as `export const prefilter = {...}`. Without one, the trigger sees every line.
 */
export interface Prefilter {
  /** Pass lines that name the bot. */
  mentions?: boolean;
  /** Pass lines containing any of these words or phrases (whole words, any case). */
  words?: readonly string[];
  /** Pass lines matching this regular expression (Java syntax, case-insensitive). */
  pattern?: string;
}
