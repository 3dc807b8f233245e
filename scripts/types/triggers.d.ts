import type { Channel, MediaChange, Message, ScriptConfig } from './kryten';

/** What a trigger returns to say "answer this". */
export interface Match {
  /** Match name for logs and limits; default: the trigger file's name. */
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
  /** Least seconds between two answers of this match name. Default 0 (none). */
  cooldownSeconds?: number;
  /** Most answers of this match name in any hour. Default 0 (no limit). */
  maxPerHour?: number;
}

/**
 * A chat trigger: the default export of a file in scripts/triggers/. Return null (or false) for
 * "no match", a Match, or several. It runs on the channel's lane for every line that passes the
 * prefilter, under a time budget (scripting.trigger_time_budget_ms): keep it cheap.
 */
export type Trigger = (message: Message, channel: Channel, config: ScriptConfig) => Match | Match[] | null | false;

/** A media trigger: `export function onMedia(media, channel, config)`, called when new media starts. */
export type MediaTrigger = (media: MediaChange, channel: Channel, config: ScriptConfig) => Match | Match[] | null | false;

/**
 * Cheap checks run in Java before the trigger is called; a line passes when any holds.
 * Export it as `export const prefilter = {...}`. Without one, the trigger sees every line.
 */
export interface Prefilter {
  /** Pass lines that name the bot. */
  mentions?: boolean;
  /** Pass lines containing any of these words or phrases (whole words, any case). */
  words?: readonly string[];
  /** Pass lines matching this regular expression (RE2 syntax: linear time, no backreferences or lookaround; case-insensitive). */
  pattern?: string;
}

/**
 * A prefilter computed from the config (`export function prefilter(config)`), evaluated when the
 * scripts or the config change: return a Prefilter, null (every line) or false (trigger off).
 */
export type PrefilterFunction = (config: ScriptConfig) => Prefilter | null | false;

/** A declarative rule: when its condition holds, the host makes the match without calling the script. */
export interface Rule extends Prefilter {
  /** The match to make. text defaults to the line. */
  match: Match;
  /** Use the line without the bot's names as the match's text (see Message.withoutMentions). Default false. */
  stripMentions?: boolean;
}

/**
 * `export function rules(config)` (or `export const rules = [...]`): rules evaluated when the
 * scripts or the config change; per line they cost no script call at all. The fastest trigger.
 */
export type RulesFunction = (config: ScriptConfig) => Rule[];
