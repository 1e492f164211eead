package io.testhealth.uploader.files;

import io.testhealth.uploader.testing.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReportBundleTest {

    @TempDir
    Path base;

    /** The archive is read back by the system's tar, not by this code: names, long ones included, and contents. */
    @Test
    void tarReadsTheArchiveWithItsPathsEvenPastOneHundredBytes() throws IOException, InterruptedException {
        String longDir = "a-module-with-a-rather-long-name/and-a-nested-module-also-long/target/failsafe-reports";
        Path f1 = Reports.write(base.resolve(longDir + "/TEST-com.acme.integration.VeryLongIntegrationTestName.xml"), "<x/>");
        Path f2 = Reports.write(base.resolve("target/surefire-reports/TEST-b.xml"), "<testsuite/>");
        ReportBundle b = ReportBundle.pack(base, List.of(f1, f2), base.resolve("out.tar.gz"));
        assertEquals(2, b.files());
        assertEquals(4 + 12, b.uncompressed());
        Process tar = new ProcessBuilder("tar", "-tzf", b.body().toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes());
        assertEquals(0, tar.waitFor(), listing);
        assertEquals(List.of(base.relativize(f1).toString(), "target/surefire-reports/TEST-b.xml"), listing.lines().toList());
        Process cat = new ProcessBuilder("tar", "-xzOf", b.body().toString(), "target/surefire-reports/TEST-b.xml").start();
        assertEquals("<testsuite/>", new String(cat.getInputStream().readAllBytes()));
    }

    @Test
    void theSameFilesPackToTheSameBytes() {
        Path f = Reports.write(base.resolve("r/TEST-a.xml"), "<a/>");
        String first = ReportBundle.pack(base, List.of(f), base.resolve("1.tar.gz")).sha256();
        assertEquals(first, ReportBundle.pack(base, List.of(f), base.resolve("2.tar.gz")).sha256());
    }

    @Test
    void aFileNameOverOneHundredBytesIsRefusedNotCut() {
        assertThrows(IllegalArgumentException.class, () -> ReportBundle.header("d/" + "x".repeat(120) + ".xml", 1, 0));
    }
}
