package org.oversight.ops.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.oversight.ops.client.Principal;

/**
 * The simulated organisation: one authority, one officer, {@code m} reviewers and {@code n} camera
 * device keys, each with a fresh key from {@link SecureRandom}.
 */
final class SimPrincipals {
    final Principal authority;
    final Principal officer;
    final List<Principal> reviewers = new ArrayList<>();
    final List<Principal> cameras = new ArrayList<>();

    SimPrincipals(int reviewerCount, int cameraCount, SecureRandom random) {
        authority = Principal.generate("sim-authority", random);
        officer = Principal.generate("sim-officer", random);
        for (int i = 0; i < reviewerCount; i++) {
            reviewers.add(Principal.generate(String.format(Locale.ROOT, "sim-reviewer-%02d", i), random));
        }
        for (int i = 0; i < cameraCount; i++) {
            cameras.add(Principal.generate(String.format(Locale.ROOT, "sim-cam-%03d", i), random));
        }
    }
}
