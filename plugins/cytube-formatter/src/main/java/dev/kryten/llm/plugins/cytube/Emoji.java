package dev.kryten.llm.plugins.cytube;

/** Keeps at most {@code max} emoji in a text (0: none), counting a base emoji with its modifiers and joiners as one. */
final class Emoji {
    private Emoji() {}

    static String limit(String text, int max) {
        if (max < 0 || max == Integer.MAX_VALUE) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int kept = 0;
        boolean inEmoji = false;
        boolean keeping = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            boolean part = isEmojiPart(cp);
            boolean start = isEmoji(cp) && !(inEmoji && isModifier(cp));
            if (start && !(inEmoji && previousWasJoiner(text, i))) {
                keeping = kept < max;
                if (keeping) {
                    kept++;
                }
                inEmoji = true;
            } else if (!part) {
                inEmoji = false;
            }
            if (!inEmoji || keeping) {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        return out.toString().replaceAll(" {2,}", " ");
    }

    private static boolean previousWasJoiner(String text, int i) {
        return i > 0 && text.charAt(i - 1) == '\u200D';
    }

    static boolean isEmoji(int cp) {
        return Character.isEmoji(cp) && !(cp < 0x80) && cp != 0x00A9 && cp != 0x00AE || isRegional(cp);
    }

    private static boolean isRegional(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    private static boolean isModifier(int cp) {
        return Character.isEmojiModifier(cp) || cp == 0xFE0F || cp == 0x200D || isRegional(cp);
    }

    private static boolean isEmojiPart(int cp) {
        return isEmoji(cp) || isModifier(cp) || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
