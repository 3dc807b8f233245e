import type { Match } from './triggers';
import type { ScriptConfig } from './kryten';

/** One case of a `*.test.js` file beside a trigger (run by `kryten-llm test-scripts`). */
export interface TriggerTestCase {
  /** What the case shows. */
  name: string;
  /** A chat line for the trigger's default export. */
  message?: { user?: string; text: string; rank?: number; action?: boolean };
  /** Or a media change for its onMedia export. */
  media?: { title: string; seconds: number; type?: string; id?: string };
  /** The channel before the line. */
  channel?: {
    recent?: { user: string; text: string; fromBot?: boolean }[];
    users?: { name: string; rank: number }[];
    media?: { title: string; seconds: number; type?: string; id?: string };
  };
  /** Config sections to use instead of the loaded ones (merged per top-level key). */
  config?: Partial<ScriptConfig>;
  /**
   * null: no match. A Match: the highest-priority match has these fields (others are not checked).
   * A list: the matches, in priority order, have these fields.
   */
  expect: Match | Match[] | null;
}

/** The default export of a `*.test.js` file. */
export type TriggerTests = TriggerTestCase[];
