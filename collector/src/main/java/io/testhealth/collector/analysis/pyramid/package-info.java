/**
 * The test pyramid ({@code metrics.md} section 5): which layer each test belongs to and why, and the shape of a
 * component's or team's tests against a target profile.
 *
 * <p>{@link io.testhealth.collector.analysis.pyramid.PyramidClassifier} gives every test a layer with the source of
 * the verdict, or none: a test nothing classifies is {@code unknown}, never silently a unit test.
 * {@link io.testhealth.collector.analysis.pyramid.PyramidShape} turns classifications into shares, the "ordered"
 * check, top-heaviness and the e2e suite judgement. Both are pure functions of what is passed in.
 */
package io.testhealth.collector.analysis.pyramid;
