package dev.kryten.llm.plugins.cytube;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Removes the markdown models like to produce, keeping the words; the result is one line. */
final class Markdown {
    private static final Pattern FENCED_CODE = Pattern.compile("```.*?(```|\\z)", Pattern.DOTALL);
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\(([^)\\s]+)[^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)[^)]*\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s+");
    private static final Pattern QUOTE = Pattern.compile("(?m)^\\s*>+\\s?");
    private static final Pattern BULLET = Pattern.compile("(?m)^\\s*(?:[-*+•]|\\d{1,3}[.)])\\s+");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*(?:[-*_]\\s*){3,}$");
    private static final Pattern BOLD = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern ITALIC_STAR = Pattern.compile("(?<![\\w*])\\*(?=\\S)([^*]+?)(?<=\\S)\\*(?![\\w*])");
    private static final Pattern ITALIC_UNDERSCORE = Pattern.compile("(?<![\\w_])_(?=\\S)([^_]+?)(?<=\\S)_(?![\\w_])");
    private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Markdown() {}

    static String strip(String text) {
        String s = FENCED_CODE.matcher(text).replaceAll(" ");
        s = IMAGE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " (" + m.group(2) + ")"));
        s = RULE.matcher(s).replaceAll(" ");
        s = HEADING.matcher(s).replaceAll("");
        s = QUOTE.matcher(s).replaceAll("");
        s = BULLET.matcher(s).replaceAll("");
        s = BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
        s = ITALIC_STAR.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = ITALIC_UNDERSCORE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = STRIKE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = INLINE_CODE.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }
}
