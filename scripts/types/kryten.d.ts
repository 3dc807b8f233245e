/**
 * kryten-llm JS API, version 1. Shared types for triggers, prompts and personalities.
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
  /** Estimated position in seconds. */
  readonly position: number;
}

/** A read-only view of the channel. Members are computed when read. */
export interface Channel {
  /** The channel name as configured. */
  readonly name: string;
  /** The bot: its chat name and every name that counts as a mention (lower-case). */
  readonly bot: { readonly name: string; readonly names: readonly string[] };
  /** Names of the users present (from userlist / addUser / userLeave). */
  readonly users: readonly string[];
  /** Recent chat, oldest first, not including the line being handled (context.chat_history_size lines kept). */
  readonly recent: readonly ChatLine[];
  /** What is playing, or null before the first changeMedia. */
  readonly media: Media | null;
  /** The bot's own last lines, oldest first. */
  readonly botReplies: readonly string[];
}
