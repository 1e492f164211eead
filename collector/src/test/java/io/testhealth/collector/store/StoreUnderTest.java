package io.testhealth.collector.store;

import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.test.support.TestPropertyProviderFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store that the tests of an {@link OnEachStore} class run on, chosen by the system property
 * {@value #STORE_PROPERTY} ({@code duckdb}, the default, or {@code postgres}).
 *
 * <p>Two roles, one rule. As Micronaut Test's {@link TestPropertyProviderFactory} (registered in
 * {@code META-INF/services}) it adds the store's {@code testhealth.store.*} settings to the application context of
 * each {@code @MicronautTest} class that carries {@link OnEachStore}; other classes keep the in-memory DuckDB of
 * {@code application-test.yml}. As a JUnit extension (through {@link OnEachStore}) it drops the class's PostgreSQL
 * schema once the class is done: JUnit closes what {@link #beforeAll} registers after every after-all callback, so
 * after Micronaut has closed the context and its connection pool, whatever the order of the annotations.
 */
public final class StoreUnderTest implements TestPropertyProviderFactory, BeforeAllCallback {

    /** The system property that chooses the store of this test JVM. */
    public static final String STORE_PROPERTY = "testhealth.test.store";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreUnderTest.class);
    /** The schemas created for each test class, dropped when it is done. */
    private static final Map<Class<?>, List<String>> SCHEMAS = new HashMap<>();

    /** The store of this JVM's run, from {@value #STORE_PROPERTY}. */
    public static StoreConfiguration.Kind current() {
        String chosen = System.getProperty(STORE_PROPERTY, "duckdb").trim().toUpperCase(Locale.ROOT);
        try {
            return StoreConfiguration.Kind.valueOf(chosen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STORE_PROPERTY + " must be duckdb or postgres, got " + chosen, e);
        }
    }

    /**
     * The {@code testhealth.store.*} settings of a new, empty database on the store of this run.
     *
     * @param testClass  the class that uses it: on PostgreSQL, the new schema is dropped after this class when it
     *                   carries {@link OnEachStore}
     * @param duckDbFile where DuckDB keeps the data (a file in a {@code @TempDir} outlives a restart of the
     *                   collector), or {@code null} for an in-memory database
     */
    public static Map<String, Object> newDatabase(Class<?> testClass, Path duckDbFile) {
        Map<String, Object> settings = new LinkedHashMap<>();
        switch (current()) {
            case DUCKDB -> {
                settings.put("testhealth.store.kind", "duckdb");
                settings.put("testhealth.store.duckdb.path", duckDbFile == null ? ":memory:" : duckDbFile.toString());
            }
            case POSTGRES -> {
                settings.put("testhealth.store.kind", "postgres");
                settings.put("testhealth.store.postgres.url", TestPostgres.url());
                settings.put("testhealth.store.postgres.schema", newSchema(testClass));
            }
        }
        return settings;
    }

    @Override
    public TestPropertyProvider create(Map<String, Object> availableProperties, Class<?> testClass) {
        if (!testClass.isAnnotationPresent(OnEachStore.class)) {
            return Map::of;
        }
        return () -> {
            Map<String, String> properties = new LinkedHashMap<>();
            newDatabase(testClass, null).forEach((key, value) -> properties.put(key, value.toString()));
            return properties;
        };
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        context.getStore(NAMESPACE).put(testClass, (AutoCloseable) () -> dropSchemasOf(testClass));
    }

    private static synchronized String newSchema(Class<?> testClass) {
        String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String schema = TestPostgres.newSchema(name.substring(0, Math.min(name.length(), 40)));
        SCHEMAS.computeIfAbsent(testClass, c -> new ArrayList<>()).add(schema);
        return schema;
    }

    private static void dropSchemasOf(Class<?> testClass) {
        List<String> schemas;
        synchronized (StoreUnderTest.class) {
            schemas = SCHEMAS.remove(testClass);
        }
        if (schemas != null) {
            schemas.forEach(TestPostgres::dropSchema);
        }
    }
}
