package io.testhealth.uploader.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Report files written the way Surefire, Gradle and Allure write them, for tests. */
public final class Reports {

    private Reports() {
    }

    /**
     * A JUnit XML file with {@code passed} passing tests named {@code p0..}, and {@code failed} failing ones named
     * {@code f0..}, in the class {@code suite}.
     */
    public static Path junit(Path file, String suite, int passed, int failed) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"")
                .append(suite).append("\" tests=\"").append(passed + failed).append("\" failures=\"").append(failed)
                .append("\" errors=\"0\" skipped=\"0\" time=\"0.5\">\n");
        for (int i = 0; i < passed; i++) {
            x.append("  <testcase classname=\"").append(suite).append("\" name=\"p").append(i).append("\" time=\"0.01\"/>\n");
        }
        for (int i = 0; i < failed; i++) {
            x.append("  <testcase classname=\"").append(suite).append("\" name=\"f").append(i)
                    .append("\" time=\"0.02\"><failure message=\"expected 1 but was 2\" type=\"java.lang.AssertionError\">at ")
                    .append(suite).append("</failure></testcase>\n");
        }
        x.append("</testsuite>\n");
        return write(file, x.toString());
    }

    /** An Allure result of one test. */
    public static Path allure(Path dir, String uuid, String fullName, String status) {
        String json = "{\"uuid\":\"" + uuid + "\",\"historyId\":\"h-" + uuid + "\",\"fullName\":\"" + fullName
                + "\",\"name\":\"" + fullName.substring(fullName.lastIndexOf('.') + 1) + "\",\"status\":\"" + status
                + "\",\"stage\":\"finished\",\"start\":1764000000000,\"stop\":1764000000250,"
                + "\"labels\":[{\"name\":\"testClass\",\"value\":\"" + fullName.substring(0, fullName.lastIndexOf('.')) + "\"}]}";
        return write(dir.resolve(uuid + "-result.json"), json);
    }

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
