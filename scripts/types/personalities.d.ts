/** The default export of a file in personalities/. Only name and nameVariations are required. */
export interface Personality {
  /**
   * How the character speaks of itself; counts as a mention. The bot's CyTube account is another
   * name: `personality.character_name`, else the preset personality's `name`, and it stays the same
   * across personality swaps (it always counts as a mention too).
   */
  name: string;
  /** Other words that count as a mention (whole word, any case). */
  nameVariations: string[];
  /** Who the character is. Default "". */
  description?: string;
  /** Personality traits. Default []. */
  traits?: string[];
  /** Topics the character knows. Default []. */
  expertise?: string[];
  /** How it answers. Default "". */
  responseStyle?: string;
  /** Short in-character lines the offline provider answers with. Default []. */
  stockLines?: string[];
}

/** A personality as prompts see it: the file's fields after the config's personality overrides. */
export interface PersonalityView extends Required<Personality> {
  /** The file name without .js. */
  readonly id: string;
}
