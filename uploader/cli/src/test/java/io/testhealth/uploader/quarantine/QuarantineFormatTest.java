package io.testhealth.uploader.quarantine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuarantineFormatTest {

    private static final List<QuarantinedTest> TESTS = List.of(
            new QuarantinedTest("com.acme.LedgerTest", "posts", "flaky", false),
            new QuarantinedTest("com.acme.RatesTest", "converts(String)[2]", "flaky", false),
            new QuarantinedTest("tests.test_api", "test_ping[ipv6]", "flaky", false));

    @Test
    void surefireExcludesEachMethodInOneValue() {
        assertEquals("!com.acme.LedgerTest#posts,!com.acme.RatesTest#converts,!tests.test_api#test_ping\n",
                QuarantineFormat.SUREFIRE.render(TESTS));
    }

    @Test
    void gradleMatchesParameterisedMethodsByPrefix() {
        assertEquals("com.acme.LedgerTest.posts\ncom.acme.RatesTest.converts*\ntests.test_api.test_ping*\n",
                QuarantineFormat.GRADLE.render(TESTS));
    }

    @Test
    void pytestNodeIdsSplitModulesFromClasses() {
        assertEquals("tests/test_api.py::test_ping[ipv6]", QuarantineFormat.pytestNodeId("tests.test_api", "test_ping[ipv6]"));
        assertEquals("pkg/test_m.py::TestA::TestInner::test_x", QuarantineFormat.pytestNodeId("pkg.test_m.TestA.TestInner", "test_x"));
    }

    @Test
    void nothingQuarantinedIsEmptyInEveryForm() {
        for (QuarantineFormat f : QuarantineFormat.values()) {
            assertEquals("", f.render(List.of()), f.name());
        }
    }
}
