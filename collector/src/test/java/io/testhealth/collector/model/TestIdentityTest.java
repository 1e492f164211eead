package io.testhealth.collector.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class TestIdentityTest {

    @Test
    void splitsParametersFromTheNameInEveryCommonSpelling() {
        assertAll(
                () -> assertEquals(new TestIdentity("C", "test(String)", "1"), TestIdentity.fromReportedName("C", "test(String)[1]")),
                () -> assertEquals(new TestIdentity("m", "test_add", "1-2-[3]"), TestIdentity.fromReportedName("m", "test_add[1-2-[3]]")),
                () -> assertEquals(new TestIdentity("C", "plain", ""), TestIdentity.fromReportedName("C", " plain ")),
                () -> assertEquals(new TestIdentity("C", "odd]", ""), TestIdentity.fromReportedName("C", "odd]")),
                () -> assertEquals(new TestIdentity("C", "[3]", ""), TestIdentity.fromReportedName("C", "[3]")));
    }

    @Test
    void recognisesIndexOnlyNames() {
        assertTrue(TestIdentity.fromReportedName("C", "[3]").isIndexOnly());
        assertTrue(TestIdentity.fromReportedName("C", "test(int)[3]").isIndexOnly());
        assertFalse(TestIdentity.fromReportedName("C", "[3] input=foo").isIndexOnly());
        assertFalse(TestIdentity.fromReportedName("C", "test[a-b]").isIndexOnly());
    }

    @Test
    void theTestIdDependsOnComponentSuiteAndNameButNotOnTheInvocation() {
        ComponentRef payments = ComponentRef.parse("payments");
        String id = new TestIdentity("C", "t", "1").testId(payments);
        assertEquals(16, id.length());
        assertEquals(id, new TestIdentity("C", "t", "2").testId(payments));
        assertNotEquals(id, new TestIdentity("C", "t", "").testId(ComponentRef.parse("billing")));
        assertNotEquals(id, new TestIdentity("D", "t", "").testId(payments));
    }

    @Test
    void componentReferencesFollowBackstage() {
        assertAll(
                () -> assertEquals("component:default/payments", ComponentRef.parse("payments").toString()),
                () -> assertEquals("component:shop/payments", ComponentRef.parse("component:shop/Payments").toString()),
                () -> assertEquals("component:shop/payments", ComponentRef.parse("shop/payments").toString()),
                () -> assertThrows(IllegalArgumentException.class, () -> ComponentRef.parse("group:default/team-a")),
                () -> assertThrows(IllegalArgumentException.class, () -> ComponentRef.parse("")),
                () -> assertThrows(IllegalArgumentException.class, () -> ComponentRef.parse("a b")));
    }
}
