package io.testhealth.uploader.upload;

import io.testhealth.uploader.http.Json;

import java.util.List;
import java.util.Map;

/**
 * The collector's answer to an upload, in lines a CI log reader takes in at a glance: what was understood (counts,
 * format, warnings) and what changed in the component's report (grade before and after, tests that became flaky,
 * broken or fixed), then the link to the component's page.
 */
final class UploadReport {

    private UploadReport() {
    }

    static void print(Console console, Object answer, String pageUrl) {
        if (!(answer instanceof Map)) {
            console.warn("the collector's answer is not the JSON of an upload: " + answer);
            return;
        }
        boolean duplicate = Boolean.TRUE.equals(Json.at(answer, "duplicate"));
        Object counts = Json.at(answer, "counts");
        console.info((duplicate ? "already uploaded: counted once, nothing new" : "uploaded")
                + " (upload " + Json.at(answer, "uploadId") + ", run " + Json.at(answer, "runId") + ", "
                + Json.at(answer, "component") + ")");
        console.info("understood: " + Json.at(answer, "format") + ", " + num(counts, "tests") + " tests: "
                + num(counts, "passed") + " passed, " + num(counts, "failed") + " failed, " + num(counts, "errors")
                + " errors, " + num(counts, "skipped") + " skipped, " + num(counts, "flaky") + " flaky");
        if (Json.at(answer, "warnings") instanceof List<?> warnings && !warnings.isEmpty()) {
            warnings.forEach(w -> console.info("  collector warning: " + w));
        }
        Object report = Json.at(answer, "componentReport");
        if (report instanceof Map) {
            console.info("grade: " + grading(Json.at(report, "before")) + " -> " + grading(Json.at(report, "after")));
            if (Boolean.FALSE.equals(Json.at(report, "updated"))) {
                console.info("  the report is not up to date yet: " + Json.at(report, "error"));
            }
            tests(console, "became flaky", Json.at(report, "becameFlaky"));
            tests(console, "became broken", Json.at(report, "becameBroken"));
            tests(console, "fixed", Json.at(report, "becameFixed"));
        }
        console.info("component page: " + pageUrl);
    }

    private static String grading(Object g) {
        if (!(g instanceof Map)) {
            return "- (no report before)";
        }
        return Json.at(g, "grade") + " (" + Json.at(g, "level") + ")";
    }

    private static void tests(Console console, String what, Object list) {
        Object count = Json.at(list, "count");
        if (!(count instanceof Number n) || n.longValue() == 0) {
            return;
        }
        console.info(what + ": " + n.longValue());
        if (Json.at(list, "tests") instanceof List<?> tests) {
            for (Object t : tests) {
                console.info("  " + Json.at(t, "suite") + " " + Json.at(t, "name"));
            }
            if (n.longValue() > tests.size()) {
                console.info("  ... and " + (n.longValue() - tests.size()) + " more");
            }
        }
    }

    private static String num(Object counts, String key) {
        Object v = Json.at(counts, key);
        return v == null ? "?" : v.toString();
    }
}
