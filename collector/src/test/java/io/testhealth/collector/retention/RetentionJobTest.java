package io.testhealth.collector.retention;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.HistoryDatabase;
import io.testhealth.collector.store.StoreFixtures;
import io.testhealth.collector.store.UploadWriter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduled pass runs by the configured cron (here every two seconds instead of daily). */
@MicronautTest
@Property(name = "testhealth.retention.enabled", value = "true")
@Property(name = "testhealth.retention.cron", value = "*/2 * * * * *")
@Property(name = "testhealth.retention.initial-delay", value = "1h")
final class RetentionJobTest {

    @Inject
    HistoryDatabase store;

    @Test
    void theScheduledPassDeletesAnExpiredRun() throws InterruptedException {
        ComponentRef c = StoreFixtures.freshComponent();
        UploadMetadata expired = StoreFixtures.upload(c, "team-a", Instant.now().minus(Duration.ofDays(400)));
        try (UploadWriter w = store.open(expired)) {
            w.add(StoreFixtures.once(new TestIdentity("a.B", "old", ""), Status.PASSED, 1.0));
            w.commit(StoreFixtures.receipt(expired, 1));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.findUpload(expired.key()).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(store.findUpload(expired.key()).isEmpty(), "no scheduled pass deleted the expired run in 20 s");
    }
}
