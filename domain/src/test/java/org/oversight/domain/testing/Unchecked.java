package org.oversight.domain.testing;

/**
 * Lets property bodies that declare checked exceptions run inside QuickTheories' {@code checkAssert}
 * lambdas, whose consumer types declare none. A checked exception fails the example (and is shrunk
 * like any other failure) with the exception as cause.
 */
public final class Unchecked {

    /** A property body that may throw a checked exception. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Unchecked() {
    }

    public static void run(Body body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}
