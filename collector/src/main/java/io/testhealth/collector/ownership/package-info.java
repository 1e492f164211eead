/**
 * Who owns what: the team of each component and the owner of each test.
 *
 * <p>Entry point: {@link io.testhealth.collector.ownership.OwnershipResolver}. A component's team comes from, in
 * order: the {@code team} its uploads name; the Backstage catalog ({@code catalog-info.yaml} files in a configured
 * folder, and optionally the catalog API), {@code spec.owner} of the Component. A test's owner comes from its Allure
 * {@code owner} label, else the CODEOWNERS rule matching its file, else its component's team.
 */
package io.testhealth.collector.ownership;
