package org.oversight.ledger.security;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Issues an API credential from the command line:
 * {@code java -cp ledger.jar -Dloader.main=org.oversight.ledger.security.IssueCredential
 * org.springframework.boot.loader.launch.PropertiesLauncher <credentials-file> <principal> <role>[,<role>]}.
 * Prints the bearer token once; only its salted hash is written to the file.
 */
public final class IssueCredential {
    private IssueCredential() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: IssueCredential <credentials-file> <principal> <role>[,<role>...]");
            System.err.println("roles: auditor, reviewer, officer, operator");
            System.exit(2);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : args[2].split(",")) {
            roles.add(Role.valueOf(r.toUpperCase(Locale.ROOT)));
        }
        String token = CredentialsFile.issue(Path.of(args[0]), args[1], roles, new SecureRandom());
        System.out.println(token);
    }
}
