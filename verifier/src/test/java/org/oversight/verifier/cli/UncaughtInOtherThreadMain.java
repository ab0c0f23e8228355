package org.oversight.verifier.cli;

/**
 * For {@link InternalErrorTest}, run in its own JVM: starts a thread that throws after a delay,
 * then runs the real {@link VerifierCli#main} with the arguments given, which must block (an export
 * read from a FIFO nobody writes) so that the thread's error reaches the verifier's last-resort
 * handler.
 */
final class UncaughtInOtherThreadMain {
    private UncaughtInOtherThreadMain() {}

    public static void main(String[] args) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            throw new IllegalStateException("a helper thread broke");
        }, "helper");
        t.start();
        VerifierCli.main(args);
    }
}
