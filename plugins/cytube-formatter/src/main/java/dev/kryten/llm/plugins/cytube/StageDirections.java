package dev.kryten.llm.plugins.cytube;

import java.util.regex.Pattern;

/** Cuts role-play stage directions: "*cracks knuckles*", "[grins]", "(leans in)" at the start of a sentence. */
final class StageDirections {
    private static final Pattern STARRED = Pattern.compile("(?<![\\w*])\\*[^*\\n]{1,80}\\*(?![\\w*])");
    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]\\n]{1,80}]");
    private static final Pattern LEADING_PAREN = Pattern.compile("(^|(?<=[.!?]\\s))\\([^)\\n]{1,80}\\)\\s*");

    private StageDirections() {}

    static String strip(String text) {
        String s = STARRED.matcher(text).replaceAll(" ");
        s = BRACKETED.matcher(s).replaceAll(" ");
        return LEADING_PAREN.matcher(s).replaceAll("");
    }
}
