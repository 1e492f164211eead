package io.testhealth.uploader.upload;

import java.io.PrintStream;

/**
 * Where the uploader says what it does: standard output and error on the command line, Maven's log in the plugin.
 */
public interface Console {

    /** What happened. */
    void info(String line);

    /** Something went wrong that the user should see (and that fails nothing unless asked to). */
    void warn(String line);

    /** Lines to {@code out}, warnings to {@code err} prefixed with {@code WARNING: }. */
    static Console of(PrintStream out, PrintStream err) {
        return new Console() {
            @Override
            public void info(String line) {
                out.println(line);
            }

            @Override
            public void warn(String line) {
                err.println("WARNING: " + line);
            }
        };
    }
}
