/**
 * Description: a comment when a long film starts, mentioning what played before it.
 * Matches: a changeMedia to new media at least media_change.min_duration_minutes long (not the
 *          same media announced again after a reconnect: the host filters those).
 * Returns: match "media_change", priority 3, with the new and the previous qualifying title in its context.
 * Config keys: media_change.enabled, min_duration_minutes, transition_explanation
 * Example lines: (a changeMedia event) "Lady Terminator (1989)", 89 minutes
 */
// @ts-check

/** The previous film long enough to count, kept across calls (reset when scripts reload). */
let previousQualifying = /** @type {string | null} */ (null);

/** @type {import('../types/triggers').MediaTrigger} */
export function onMedia(media, channel, config) {
  const settings = config.media_change;
  if (!settings.enabled) return null;
  if (media.seconds < settings.min_duration_minutes * 60) return null;
  const before = previousQualifying;
  previousQualifying = media.title;
  const minutes = Math.round(media.seconds / 60);
  return {
    name: 'media_change',
    priority: 3,
    text: `Now playing: ${media.title} (${minutes} min).`,
    context: [settings.transition_explanation, before ? `Before it: ${before}.` : '',
      'Say something short and fun about the new film to the channel.'].filter(Boolean).join(' '),
  };
}
