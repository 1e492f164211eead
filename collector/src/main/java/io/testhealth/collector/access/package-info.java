/**
 * Who may write: the optional bearer tokens that lock down uploads and quarantine changes.
 *
 * <p>Reads stay open (the Backstage proxy and Prometheus read without credentials); writes need a token only when
 * tokens are configured, so a first run and the demo work with no configuration at all. The HTTP side (the filter
 * that answers 401 or 403 before a body is read) is {@code api.WriteTokenFilter}; this package holds what it asks:
 * {@link io.testhealth.collector.access.WriteAccess}.
 */
package io.testhealth.collector.access;
