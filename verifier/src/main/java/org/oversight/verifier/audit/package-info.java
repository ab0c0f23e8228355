/**
 * Auditing a whole log offline from its export: {@link org.oversight.verifier.audit.LogAuditor}
 * (pure: input stream, log key, remembered checkpoint in; report out) and the trust-on-first-use
 * state between runs, {@link org.oversight.verifier.audit.TofuStateFile}.
 */
package org.oversight.verifier.audit;
