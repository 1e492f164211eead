/**
 * Rules shared by both stores, each in one place: how a test result becomes column values, the SQL of runs and
 * receipts, and the batching transaction of an {@link io.testhealth.collector.store.UploadWriter}.
 *
 * <p>Internal to the store implementations; public only because they live in sibling packages.
 */
package io.testhealth.collector.store.support;
