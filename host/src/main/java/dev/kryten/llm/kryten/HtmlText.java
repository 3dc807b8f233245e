package dev.kryten.llm.kryten;

/**
 * Turns CyTube's HTML-escaped chat text back into what people typed: entities decoded
 * ({@code &amp;lt; &amp;#40; &amp;#x1F600;} and the common named ones) and tags such as the
 * {@code <a href=...>} CyTube wraps around links removed. One pass, no regex: this runs for every line.
 */
public final class HtmlText {
    private HtmlText() {}

    public static String toPlain(String html) {
        if (html.indexOf('&') < 0 && html.indexOf('<') < 0) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int close = html.indexOf('>', i + 1);
                if (close > i + 1 && isTagStart(html.charAt(i + 1))) {
                    i = close + 1;
                    continue;
                }
            } else if (c == '&') {
                int semi = html.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 12) {
                    int decoded = decodeEntity(html, i + 1, semi);
                    if (decoded >= 0) {
                        out.appendCodePoint(decoded);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isTagStart(char c) {
        return c == '/' || c == '!' || Character.isLetter(c);
    }

    private static int decodeEntity(String s, int from, int to) {
        if (s.charAt(from) == '#') {
            try {
                boolean hex = to - from > 1 && (s.charAt(from + 1) == 'x' || s.charAt(from + 1) == 'X');
                int cp = Integer.parseInt(s, hex ? from + 2 : from + 1, to, hex ? 16 : 10);
                return Character.isValidCodePoint(cp) && cp != 0 ? cp : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return switch (s.substring(from, to)) {
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            case "nbsp" -> ' ';
            default -> -1;
        };
    }
}
