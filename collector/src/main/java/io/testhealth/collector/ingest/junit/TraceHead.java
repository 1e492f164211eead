package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.model.BoundedText;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.FailureFingerprint;

/**
 * The text of a failure element while it is read: its head, from which the fingerprint is computed, and as much of
 * it as a failure keeps ({@link Failure#MAX_TRACE_CHARS}).
 *
 * <p>The fingerprint uses the trace's first line and its first {@value FailureFingerprint#FRAMES} stack frames
 * ({@code at ...} lines). So the head stops at whichever comes first: the end of the third frame line, or
 * {@link #HEAD_CHARS} characters; the fingerprint of a failure is thus the same however long the kept trace is. Text
 * past the kept length is only counted, for the cut marker. One buffer serves every failure of a report: outcome
 * elements do not nest.
 */
final class TraceHead {

    /** Enough of a trace to find its first line and first frames in any common layout. */
    static final int HEAD_CHARS = 2 * 1024;

    private final char[] chars = new char[Failure.MAX_TRACE_CHARS];
    private int length;
    private long dropped;
    private int lineStart;
    private int frames;
    private int headLength = -1;

    /** Starts the text of another failure. */
    void clear() {
        length = 0;
        dropped = 0;
        lineStart = 0;
        frames = 0;
        headLength = -1;
    }

    void append(char[] text, int start, int count) {
        int n = Math.min(count, chars.length - length);
        dropped += count - n;
        System.arraycopy(text, start, chars, length, n);
        int scanFrom = length;
        length += n;
        if (headLength >= 0) {
            return;
        }
        int scanTo = Math.min(length, HEAD_CHARS);
        for (int i = scanFrom; i < scanTo; i++) {
            if (chars[i] == '\n') {
                if (isFrame(lineStart, i) && ++frames == FailureFingerprint.FRAMES) {
                    headLength = i + 1;
                    return;
                }
                lineStart = i + 1;
            }
        }
        if (length >= HEAD_CHARS) {
            headLength = HEAD_CHARS;
        }
    }

    /** The head read so far: what the fingerprint is computed from. */
    String head() {
        return new String(chars, 0, headLength >= 0 ? headLength : length);
    }

    /** The text read so far, cut with a marker when it was longer than a failure keeps. */
    String text() {
        return BoundedText.cutWhileRead(new String(chars, 0, length), dropped);
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
