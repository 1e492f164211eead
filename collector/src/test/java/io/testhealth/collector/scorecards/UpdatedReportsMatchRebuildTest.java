package io.testhealth.collector.scorecards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports an upload brings up to date (its component recomputed from the histories read last time extended by
 * what ran since, then only its team's report pooled again) are the reports a rebuild of everything from the same
 * history gives, after every upload, on a varied history: flaky retries, a test that
 * breaks for good, one that fails now and then, tests that appear and stop running, an infrastructure incident, a CI
 * re-run of a job with another outcome, several branches with wall times, E2E jobs, and a component that moves to
 * another team half-way (its former team is pooled again without it).
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.refresh-on-start", value = "false")
@Property(name = "testhealth.analysis.refresh-delay", value = "3600")
final class UpdatedReportsMatchRebuildTest {

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    @Inject
    BeanContext context;

    @TempDir
    Path spool;

    private record Upload(UploadMetadata metadata, byte[] xml) {
    }

    /**
     * All uploads as of one moment: after each, every component's and team's report equals the rebuild's, so a team
     * pooled again alone (its former team too) is the team a rebuild pools.
     */
    @Test
    void reportsAfterEachUploadsUpdateAreThoseOfARebuild() throws Exception {
        check(false);
    }

    /**
     * The clock moves on with the uploads, so that most recomputes extend the histories read last time by what ran
     * since: after each upload, the updated component's report equals the rebuild's as of the same moment (the other
     * components' reports are as of their own last upload, so they are not compared).
     */
    @Test
    void reportsOfHistoriesExtendedByTheNewRunsAreThoseOfARebuild() throws Exception {
        check(true);
    }

    private void check(boolean moving) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SettableClock clock = new SettableClock(moving ? now.minus(Duration.ofDays(71)) : now);
        HandBuiltScorecards scorecards = new HandBuiltScorecards(context);
        // The ingest tells the service's freshness about its commits, as the collector's event does.
        HandBuiltScorecards.Updating updating = scorecards.updating(clock);
        ScorecardService updated = updating.service();
        IngestService ingest = updating.ingest();

        // Each test its own components and teams: both write into the one store of the class.
        String prefix = moving ? "moving-" : "fixed-";
        List<Upload> uploads = history(now, prefix);
        // A rebuild reads every history in full (refreshAll), whatever it read before.
        ScorecardService rebuilt = scorecards.rebuilding(clock);
        List<String> differences = new ArrayList<>();
        int recomputed = 0;
        for (Upload u : uploads) {
            // The clock moves on with the uploads (never back): a recompute reads what ran since the previous one.
            if (moving) {
                clock.at(u.metadata().startedAt().plus(Duration.ofHours(1)));
            }
            String component = u.metadata().component().toString();
            Optional<HealthReport> before = updated.component(component);
            UploadPart part = UploadPart.spool(spool, "TEST-history.xml", new ByteArrayInputStream(u.xml()), Long.MAX_VALUE, 0);
            try {
                ingest.ingest(u.metadata(), List.of(part), Optional.empty());
            } finally {
                part.delete();
            }
            ReportChange change = updated.update(component, before);
            assertTrue(change.updated(), component + ": " + change.failure());
            recomputed++;
            // After every upload, not only at the end: a report left behind by one update may be set right by a
            // later one, and every intermediate state is a state some reader saw.
            rebuilt.refreshAll();
            String when = "after upload " + recomputed + " (" + component + ")";
            if (moving) {
                if (!canonical(rebuilt.component(component).orElseThrow()).equals(canonical(updated.component(component).orElseThrow()))) {
                    differences.add(when + ": " + component + " differs");

                }
            } else {
                differences.addAll(differences(rebuilt, updated, when, prefix));
            }
        }

        List<String> components = updated.components().stream().map(HealthReport::subject).filter(c -> c.contains(prefix)).toList();
        List<String> teams = updated.teams().stream().map(HealthReport::subject).filter(c -> c.contains(prefix)).toList();
        int updates = recomputed;
        assertAll(
                () -> assertEquals(List.of(), differences),
                () -> assertEquals(uploads.size(), updates),
                () -> assertTrue(!moving || updated.historiesExtended() > uploads.size() / 2,
                        "most updates read only the new runs: " + updated.historiesExtended() + " of " + uploads.size()),
                () -> assertTrue(updated.historiesExtended() < uploads.size(),
                        "some needed a full read (the first of each component)"),
                () -> assertEquals(List.of("component:default/" + prefix + "alpha", "component:default/" + prefix + "beta",
                        "component:default/" + prefix + "gamma"), components),
                () -> assertEquals(rebuilt.teams().stream().map(HealthReport::subject).filter(c -> c.contains(prefix)).toList(),
                        teams, "the same teams, the one a component left included or not alike"),
                () -> assertEquals("group:default/" + prefix + "team-b", updated.component("component:default/" + prefix + "beta")
                        .orElseThrow().team(), "beta moved to team-b"),
                () -> assertTrue(updated.component("component:default/" + prefix + "alpha").orElseThrow().tests().stream()
                        .anyMatch(t -> t.state().equals("flaky")), "the history has flaky tests"));
    }

        /** The subjects whose reports differ between the rebuild and the updates, or exist in one only. */
    private List<String> differences(ScorecardService rebuilt, ScorecardService updated, String when, String prefix) {
        List<String> out = new ArrayList<>();
        compare(mine(rebuilt.components(), prefix), mine(updated.components(), prefix), when, out);
        compare(mine(rebuilt.teams(), prefix), mine(updated.teams(), prefix), when, out);
        return out;
    }

    private static List<HealthReport> mine(List<HealthReport> reports, String prefix) {
        return reports.stream().filter(r -> r.subject().contains(prefix)).toList();
    }

    private void compare(List<HealthReport> expected, List<HealthReport> actual, String when, List<String> out) {
        java.util.Map<String, JsonNode> mine = new java.util.TreeMap<>();
        actual.forEach(r -> mine.put(r.subject(), canonical(r)));
        for (HealthReport r : expected) {
            JsonNode other = mine.remove(r.subject());
            if (other == null) {
                out.add(when + ": " + r.subject() + " has no updated report");
            } else if (!other.equals(canonical(r))) {
                out.add(when + ": " + r.subject() + " differs");
            }
        }
        mine.keySet().forEach(s -> out.add(when + ": " + s + " exists only in the updated reports"));
    }

    /** The report as stored, read as a tree: Jackson's object nodes compare without regard to key order. */
    private JsonNode canonical(HealthReport report) {
        try {
            return CANONICAL.readTree(context.getBean(JsonMapper.class).writeValueAsBytes(report));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Three components' uploads over the last 20 days, interleaved in time order. */
    private static List<Upload> history(Instant now, String prefix) {
        List<Upload> out = new ArrayList<>();
        Random random = new Random(11);
        // Two job runs long before the window: their runs leave the 60 days read as the clock moves on, and the test
        // "ancient" that ran in them comes back late in the window, where its runs ever (not those of the window)
        // decide when it stops being new.
        for (int old = 0; old < 2; old++) {
            Instant at = now.minus(Duration.ofDays(70 - 2L * old));
            out.add(new Upload(new UploadMetadata(ComponentRef.parse(prefix + "alpha"), prefix + "team-a", "", "main",
                    "old-" + old, "alpha-old" + old, "test", 1, "jdk17", Layer.UNIT, "", at, at.plus(Duration.ofMinutes(4)), ""),
                    xml("alpha", 0, random, false, true)));
        }
        Instant start = now.minus(Duration.ofDays(20));
        int runs = 24;
        for (int r = 0; r < runs; r++) {
            for (String component : List.of("alpha", "beta", "gamma")) {
                Instant at = start.plus(Duration.ofHours(20L * r)).plus(Duration.ofMinutes(7L * component.length()));
                String team = prefix + (component.equals("gamma") || component.equals("beta") && r >= 15 ? "team-b" : "team-a");
                boolean main = r % 2 == 0;
                boolean e2e = component.equals("gamma") && r % 3 == 0;
                String pipeline = component + "-p" + r;
                UploadMetadata md = new UploadMetadata(ComponentRef.parse(prefix + component), team, "", main ? "main" : "feature/f" + r,
                        "commit-" + (r / 2), pipeline, e2e ? "e2e" : "test", 1, r % 4 == 1 ? "jdk21" : "jdk17",
                        e2e ? Layer.E2E : component.equals("alpha") ? Layer.UNIT : null, "",
                        at, at.plus(Duration.ofMinutes(3 + r % 5)), "");
                boolean incident = component.equals("beta") && r == 7;
                out.add(new Upload(md, xml(component, r, random, incident, component.equals("alpha") && r >= 20)));
                if (component.equals("alpha") && r % 6 == 3) {
                    // A CI re-run of the same job: same code, and this time everything passes.
                    UploadMetadata rerun = new UploadMetadata(md.component(), team, "", md.branch(), md.commit(), pipeline,
                            md.job(), 2, md.environment(), md.declaredLayer().orElse(null), "", at.plus(Duration.ofMinutes(10)),
                            at.plus(Duration.ofMinutes(14)), "");
                    out.add(new Upload(rerun, xml(component, r, new Random(0), false, false)));
                }
            }
        }
        return out;
    }

    /**
     * One job run's report: test0 fails before passing on a rerun in a third of the runs, test1 breaks for good from
     * run 10, test2 fails one run in five, test3 exists from run 12, test4 stops after run 5, the rest pass; an
     * incident fails nearly everything.
     */
    private static byte[] xml(String component, int run, Random random, boolean incident, boolean ancient) {
        String suite = "com.acme." + component + ".ServiceTest";
        StringBuilder xml = new StringBuilder("<testsuite name=\"" + suite + "\">");
        for (int t = 0; t < 12; t++) {
            if (t == 3 && run < 12 || t == 4 && run > 5) {
                continue;
            }
            String time = String.format(java.util.Locale.ROOT, "%.3f", 0.05 + random.nextDouble() * (t == 5 ? 4 : 0.5));
            xml.append("<testcase classname=\"").append(suite).append("\" name=\"test").append(t).append("\" time=\"")
                    .append(time).append("\">");
            boolean fail = incident && t != 11 || t == 1 && run >= 10 || t == 2 && random.nextInt(5) == 0;
            if (fail) {
                xml.append("<failure type=\"java.lang.AssertionError\" message=\"expected ").append(t).append("\"/>");
            } else if (t == 0 && random.nextInt(3) == 0) {
                xml.append("<flakyFailure type=\"java.net.SocketTimeoutException\" message=\"Read timed out\"/>");
            }
            xml.append("</testcase>");
        }
        if (ancient) {
            xml.append("<testcase classname=\"").append(suite).append("\" name=\"ancient\" time=\"0.1\"/>");
        }
        return xml.append("</testsuite>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
