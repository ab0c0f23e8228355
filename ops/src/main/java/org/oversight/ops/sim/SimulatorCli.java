package org.oversight.ops.sim;

import org.oversight.ops.client.LedgerProblemException;

/**
 * {@code java -cp ops/target/benchmarks.jar org.oversight.ops.sim.SimulatorCli --url … --token …}:
 * runs a {@link Simulator} against a fresh ledger and prints its result as markdown. Exit code 0: a
 * clean run; 1: rejections or errors (the first is printed); 2: usage error (one line) or the
 * ledger could not be set up.
 */
public final class SimulatorCli {
    private SimulatorCli() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        SimSettings settings;
        try {
            settings = SimSettings.parse(args);
        } catch (SimSettings.UsageException e) {
            System.err.println("simulator: " + e.getMessage() + " (" + SimSettings.USAGE + ")");
            return 2;
        }
        try {
            SimResult r = new Simulator(settings).run();
            System.out.print(r.markdown());
            if (settings.results().isPresent()) {
                r.write(settings.results().get());
            }
            return r.clean() ? 0 : 1;
        } catch (LedgerProblemException e) {
            System.err.println("simulator: setup refused (the ledger must be fresh: genesis still open): "
                    + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("simulator: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
