import type { Channel } from './kryten';
import type { PersonalityView } from './personalities';

/** The match being answered, as the prompt builder sees it. */
export interface PromptMatch {
  /** The trigger file's id (file name without .js). */
  readonly trigger: string;
  readonly name: string;
  readonly priority: number;
  /** The trigger's hint for the prompt; may be "". */
  readonly context: string;
  /** What the user said (as the trigger shaped it). */
  readonly text: string;
  /** Who said it; null for a media comment (no one said anything). */
  readonly user: string | null;
}

/** One message for the model. */
export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The default export of scripts/prompts/default.js: builds the message list sent to the model. */
export type PromptBuilder = (personality: PersonalityView, match: PromptMatch, channel: Channel) => PromptMessage[];
