/**
 * The verifier's command line ({@code java -jar verifier.jar}): argument parsing, exit codes and
 * file output only; every verification decision is made in {@link org.oversight.verifier.audit}.
 */
package org.oversight.verifier.cli;
