package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.FailureFingerprint;

/**
 * The head of a failure's text while it is read: all that {@link Failure#of} uses of it, and no more.
 *
 * <p>A failure keeps its type, its message (the trace's first line when the report gives none) and a fingerprint
 * over the first {@value FailureFingerprint#FRAMES} stack frames ({@code at ...} lines); the rest of a trace, often
 * dozens of frames, is never used. So the head stops at whichever comes first: the end of the third frame line, or
 * {@link #MAX_CHARS} characters. Up to there it is the text exactly as written, so the failure built from it is the
 * one built from the whole trace. One buffer serves every failure of a report: outcome elements do not nest.
 */
final class TraceHead {

    /** Enough of a trace to find its first line and first frames in any common layout. */
    static final int MAX_CHARS = 2 * 1024;

    private final char[] chars = new char[MAX_CHARS];
    private int length;
    private int lineStart;
    private int frames;
    private boolean complete;

    /** Starts the head of another failure. */
    void clear() {
        length = 0;
        lineStart = 0;
        frames = 0;
        complete = false;
    }

    /** Whether the head holds all that is used, so further text need not even be decoded. */
    boolean complete() {
        return complete;
    }

    void append(char[] text, int start, int count) {
        if (complete) {
            return;
        }
        int n = Math.min(count, MAX_CHARS - length);
        System.arraycopy(text, start, chars, length, n);
        int scanFrom = length;
        length += n;
        for (int i = scanFrom; i < length; i++) {
            if (chars[i] == '\n') {
                if (isFrame(lineStart, i) && ++frames == FailureFingerprint.FRAMES) {
                    length = i + 1;
                    complete = true;
                    return;
                }
                lineStart = i + 1;
            }
        }
        complete = length == MAX_CHARS;
    }

    /** The head read so far. */
    String text() {
        return new String(chars, 0, length);
    }

    /** Whether the line {@code [from, to)} is a frame by {@link FailureFingerprint}'s rule: {@code at } after blanks. */
    private boolean isFrame(int from, int to) {
        int s = from;
        while (s < to && Character.isWhitespace(chars[s])) {
            s++;
        }
        return to - s >= 3 && chars[s] == 'a' && chars[s + 1] == 't' && chars[s + 2] == ' ';
    }
}
