package dev.kryten.llm.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Correlation ids for lines: 8 hex digits, distinct for 2^32 lines, cheap enough for every line of
 * a flood (no {@code UUID.randomUUID}, whose secure random would cost more than the rest of the
 * line's handling). The sequence is scrambled so neighbouring ids do not look alike in a log.
 */
final class LineIds {
    private final AtomicLong next;

    LineIds(long seed) {
        this.next = new AtomicLong(seed);
    }

    String next() {
        long n = next.getAndIncrement() * 0x9E3779B97F4A7C15L; // an odd multiplier: the low 32 bits are a bijection
        String hex = Integer.toHexString((int) n);
        return hex.length() == 8 ? hex : "00000000".substring(hex.length()) + hex;
    }
}
