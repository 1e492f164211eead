package io.testhealth.collector.scorecards;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipelines that a report's sentences name, so that the report can carry the CI run link of each.
 *
 * <p>Reasons and check explanations name a pipeline as {@code pipeline <id>} ({@code FlakinessAnalyzer},
 * {@code ScorecardFacts}, {@code JobRun}); a full stop, colon or comma after it ends the sentence, not the id. The
 * Backstage plugin finds them in the same words to turn them into links.
 */
final class PipelineMentions {

    private static final Pattern MENTION = Pattern.compile("\\bpipeline ([^\\s,;()]+?)(?=[.:]?(?:[\\s,;()]|$))");

    private PipelineMentions() {
    }

    /** The pipeline ids that {@code texts} name, in the order first named. */
    static Set<String> in(Collection<String> texts) {
        Set<String> pipelines = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || !text.contains("pipeline ")) {
                continue;
            }
            Matcher m = MENTION.matcher(text);
            while (m.find()) {
                pipelines.add(m.group(1));
            }
        }
        return pipelines;
    }
}
