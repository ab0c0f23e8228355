package org.oversight.verifier.bundle;

import org.oversight.domain.bundle.BundleBuildException;

/** Bundles for tests in other packages (the CLI's error and fuzz tests). */
public final class BundleFixtures {
    private BundleFixtures() {}

    /** The clean test bundle's bytes: it verifies (exit 0) under {@link BundleLog#logKey()}. */
    public static byte[] cleanBundle() {
        try {
            return BundleLog.build(BundleLog.Options.CLEAN).bundle().toBytes();
        } catch (BundleBuildException e) {
            throw new AssertionError(e);
        }
    }
}
