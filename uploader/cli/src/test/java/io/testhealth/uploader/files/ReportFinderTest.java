package io.testhealth.uploader.files;

import io.testhealth.uploader.testing.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportFinderTest {

    @TempDir
    Path base;

    private List<String> found(String... patterns) {
        return ReportFinder.find(base, List.of(patterns)).stream().map(p -> base.relativize(p).toString().replace('\\', '/')).toList();
    }

    @Test
    void leadingDoubleStarAlsoMatchesAtTheBaseFolder() {
        Reports.write(base.resolve("surefire-reports/TEST-a.xml"), "<a/>");
        Reports.write(base.resolve("m/target/surefire-reports/TEST-b.xml"), "<b/>");
        Reports.write(base.resolve("m/target/surefire-reports/a.txt"), "no");
        assertEquals(List.of("m/target/surefire-reports/TEST-b.xml", "surefire-reports/TEST-a.xml"), found("**/surefire-reports/*.xml"));
    }

    @Test
    void aFolderMeansItsXmlAndAllureResultsNotAttachmentsNorDependencies() throws IOException {
        Reports.write(base.resolve("allure-results/1-result.json"), "{}");
        Reports.write(base.resolve("allure-results/1-container.json"), "{}");
        Reports.write(base.resolve("allure-results/shot.png"), "png");
        Reports.write(base.resolve("node_modules/x/surefire-reports/TEST-n.xml"), "<n/>");
        Files.createDirectories(base.resolve("empty"));
        assertEquals(List.of("allure-results/1-result.json"), found("allure-results/", "empty"));
        assertEquals(List.of(), found("**/surefire-reports/*.xml"));
    }

    @Test
    void overlappingPatternsNameEachFileOnce() {
        Reports.write(base.resolve("build/test-results/test/TEST-g.xml"), "<g/>");
        assertEquals(List.of("build/test-results/test/TEST-g.xml"),
                found("**/build/test-results/**/*.xml", "build/test-results/test/TEST-g.xml", "nothing/*.xml"));
    }
}
