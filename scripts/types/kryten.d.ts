/**
 * kryten-llm JS API, version 1 (API_VERSION below; a breaking change bumps it). Shared types for triggers, prompts and personalities.
 * Every object the host passes in is read-only; scripts have no Java, file, network,
 * environment or thread access (see docs/scripting.md).
 */

/** One chat line, as a trigger sees it. */
export interface Message {
  /** The sender's CyTube name. */
  readonly user: string;
  /** The text with HTML entities decoded and tags removed. */
  readonly text: string;
  /** CyTube's time of the line, ms since the epoch. */
  readonly time: number;
  /** The sender's rank from the userlist (0 guest, 1 registered, 2 moderator, 3+ admin), or -1 if unknown. */
  readonly rank: number;
  /** Whether it was a /me line. */
  readonly action: boolean;
  /** Whether the line names the bot (chat name or a name variation, whole word, any case). */
  readonly mentionsBot: boolean;
  /** The text without the bot's names (with an @ before and one , . : ; ! ? after each), spaces collapsed. */
  withoutMentions(): string;
}

/** A line of recent chat. */
export interface ChatLine {
  readonly user: string;
  readonly text: string;
  /** ms since the epoch */
  readonly time: number;
  /** Whether the bot said it. */
  readonly fromBot: boolean;
}

/** What is playing. */
export interface Media {
  readonly title: string;
  /** Length in seconds; 0 for live streams. */
  readonly seconds: number;
  /** CyTube provider code: yt, vi, fi, ... */
  readonly type: string;
  /** The provider's id for the media (a YouTube video id, a file URL, ...). */
  readonly id: string;
  /** Estimated position in seconds. */
  readonly position: number;
}

/** A read-only view of the channel. Members are computed when read. */
export interface Channel {
  /** The channel name as configured. */
  readonly name: string;
  /** The bot: its chat name (CyTube account), every name that counts as a mention (lower-case), its personality id. */
  readonly bot: { readonly name: string; readonly names: readonly string[]; readonly personality: string };
  /** Names of the users present (from userlist / addUser / userLeave). */
  readonly users: readonly string[];
  /** Recent chat, oldest first, not including the line being handled (context.chat_history_size lines kept). */
  readonly recent: readonly ChatLine[];
  /** What is playing, or null before the first changeMedia. */
  readonly media: Media | null;
  /** The bot's own last lines, oldest first. */
  readonly botReplies: readonly string[];
  /** Chat lines since the bot last spoke (all lines, if it has not spoken yet). */
  readonly linesSinceBotSpoke: number;
  /** The last n (default 10) lines as "- user: text" lines, oldest first; cheaper than formatting `recent` yourself. */
  transcript(n?: number): string;
}

/** The version of this API. */
export type API_VERSION = 1;

/** A media change, as onMedia receives it. */
export interface MediaChange extends Media {
  /** The provider's media id. */
  readonly id: string;
  /** What played before, or null. */
  readonly previous: Media | null;
}

/** A configured trigger-word entry (config key `triggers`, kryten-llm's keys, defaults filled in). */
export interface TriggerWordConfig {
  readonly name: string;
  /** Words or phrases (whole word, any case), or "/regex/". */
  readonly patterns: readonly string[];
  /** Default 1. */
  readonly probability: number;
  /** Default 300. */
  readonly cooldown_seconds: number;
  /** Default 10. */
  readonly max_responses_per_hour: number;
  /** 1–10, default 5. */
  readonly priority: number;
  /** Default "". */
  readonly context: string;
  /** Default true. */
  readonly enabled: boolean;
  /** Default null. */
  readonly preferred_provider: string | null;
}

/** The config sections scripts see (their third argument). Secrets and provider settings are never included. */
export interface ScriptConfig {
  readonly triggers: readonly TriggerWordConfig[];
  readonly auto_participation: {
    /** Default false. */ readonly enabled: boolean;
    /** Lines between remarks, 1–100, default 20. */ readonly base_message_interval: number;
    /** Spread of that interval, 0–0.5, default 0.2. */ readonly probability_range: number;
  };
  readonly media_change: {
    /** Default false. */ readonly enabled: boolean;
    /** Default 30. */ readonly min_duration_minutes: number;
    /** Default 3. */ readonly chat_context_depth: number;
    /** Default "The media has just changed." */ readonly transition_explanation: string;
  };
  /** Free-form settings for your own scripts: the config's `scripts` section. */
  readonly scripts: { readonly [key: string]: unknown };
}
