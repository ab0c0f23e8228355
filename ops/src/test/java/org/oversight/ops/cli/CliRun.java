package org.oversight.ops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of {@link IntegratorCli}: exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IntegratorCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Bad input: exit 2, nothing on stdout, exactly one line on stderr. */
    boolean isOneLineUsageError() {
        return exit == IntegratorCli.EXIT_USAGE && out.isEmpty() && err.endsWith("\n")
                && err.startsWith("oversight-cli: ")
                && err.substring(0, err.length() - 1).chars().noneMatch(Character::isISOControl);
    }
}
