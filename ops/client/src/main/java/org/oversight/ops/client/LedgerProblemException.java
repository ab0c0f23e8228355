package org.oversight.ops.client;

/** The ledger answered a request with an error; {@link #problem()} says which and why. */
public final class LedgerProblemException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public LedgerProblemException(String request, Problem problem) {
        super(request + " -> " + problem);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
