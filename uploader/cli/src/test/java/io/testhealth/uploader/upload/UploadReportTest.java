package io.testhealth.uploader.upload;

import io.testhealth.uploader.http.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UploadReportTest {

    /** The answer the repository's README publishes as its example of a 201. */
    private static final String README_ANSWER = """
            {"uploadId":"sha256-abc","runId":"0654ba1236563a9b","component":"component:default/payments","format":"junit",
             "counts":{"tests":8,"passed":6,"failed":1,"errors":1,"skipped":0,"flaky":0},"testResults":8,
             "durationSeconds":0.05,"warnings":[],"duplicate":false,
             "componentReport":{"updated":true,"error":null,
               "before":{"grade":"A","level":"Gold"},"after":{"grade":"D","level":"none"},
               "becameFlaky":{"count":1,"tests":[{"testId":"3f9c","suite":"com.acme.LedgerTest","name":"posts"}]},
               "becameBroken":{"count":0,"tests":[]},"becameFixed":{"count":0,"tests":[]}}}
            """;

    @Test
    void printsCountsGradeChangeNewlyFlakyTestsAndTheLink() {
        List<String> lines = new ArrayList<>();
        Console console = new Console() {
            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }
        };
        UploadReport.print(console, Json.parse(README_ANSWER), "https://th.example.com/x");
        assertEquals(List.of(
                "uploaded (upload sha256-abc, run 0654ba1236563a9b, component:default/payments)",
                "understood: junit, 8 tests: 6 passed, 1 failed, 1 errors, 0 skipped, 0 flaky",
                "grade: A (Gold) -> D (none)",
                "became flaky: 1",
                "  com.acme.LedgerTest posts",
                "component page: https://th.example.com/x"), lines);
    }
}
