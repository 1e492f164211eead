package io.testhealth.collector.store;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every test of the annotated class once on DuckDB and once on PostgreSQL, the production store.
 *
 * <p>Put it beside {@code @MicronautTest} on a test class that goes through the collector's HTTP API or its beans:
 * <pre>
 * &#64;MicronautTest
 * &#64;OnEachStore
 * final class UploadControllerTest {
 *     &#64;Inject EmbeddedServer server;
 *     ...
 * }
 * </pre>
 * Nothing else changes in the class: {@link StoreUnderTest} gives the application context of the class the store
 * of the run ({@code testhealth.store.*}): an in-memory DuckDB, or a schema of its own on the test PostgreSQL
 * ({@link TestPostgres}), dropped after the class. A class that starts collectors itself (for instance twice on one
 * database) takes the settings of a new database from {@link StoreUnderTest#newDatabase(Class, java.nio.file.Path)}.
 *
 * <p>How it runs: the class carries the JUnit tag {@value #TAG}. {@code mvn verify} leaves such classes out of its
 * first test run and runs them in two more: {@code each-store-on-duckdb} and {@code each-store-on-postgres}
 * (Surefire executions in {@code collector/pom.xml} that set {@code testhealth.test.store}). Their reports are
 * {@code TEST-<class>-OnDuckDb.xml} and {@code TEST-<class>-OnPostgres.xml}. {@code -Dtest=UploadControllerTest}
 * runs the class on both stores; {@code -Dtesthealth.test.store=postgres} alone chooses the store of a run started
 * another way (an IDE).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(OnEachStore.TAG)
@ExtendWith(StoreUnderTest.class)
public @interface OnEachStore {

    /** The JUnit tag that the Surefire executions select by. */
    String TAG = "each-store";
}
