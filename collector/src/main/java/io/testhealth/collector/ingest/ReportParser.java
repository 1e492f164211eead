package io.testhealth.collector.ingest;

import io.testhealth.collector.model.ReportFormat;

import java.io.IOException;
import java.io.InputStream;

/** Reads one report file of one format, streaming, and hands what it reads to a {@link ResultSink}. */
public interface ReportParser {

    /** The format this parser reads. */
    ReportFormat format();

    /**
     * Parses one file.
     *
     * @param in       the file's bytes; not closed by the parser
     * @param fileName the file's path inside the upload, used in results and errors
     * @param sink     receives every test case in document order
     * @throws IngestException when the file is malformed or of a format this parser recognises but does not read
     */
    void parse(InputStream in, String fileName, ResultSink sink) throws IOException;
}
