/**
 * {@code oversight-cli}: the integrator's command line (docs/java-client.md): key files, enrolment
 * requests, signing an event from JSON, submitting it. Built on the Java client
 * ({@code org.oversight.ops.client}) and the domain's one implementation of the format.
 */
package org.oversight.ops.cli;
