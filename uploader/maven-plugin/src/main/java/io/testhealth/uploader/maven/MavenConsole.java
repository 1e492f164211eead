package io.testhealth.uploader.maven;

import io.testhealth.uploader.upload.Console;
import org.apache.maven.plugin.logging.Log;

/** The uploader's lines in Maven's log. */
final class MavenConsole implements Console {

    private final Log log;

    MavenConsole(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }
}
