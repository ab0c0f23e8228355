package org.oversight.ledger.storage;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that is unreachable, restarting or recovering from every other failure, so
 * that such requests are answered 503 with {@code Retry-After} instead of 500: the request may be
 * repeated once the database is back. A {@link TransactionSystemException} (the JDBC commit or
 * rollback itself failed) counts as unavailable: the connection broke under the transaction.
 */
public final class DatabaseFailures {
    /**
     * PostgreSQL SQLStates of a server going away or not accepting connections: admin shutdown,
     * crash shutdown (another backend died, the postmaster resets all of them), cannot connect now
     * (starting up or in recovery), too many connections. Class {@code 08} (connection exception)
     * is matched by prefix.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseFailures() {}

    /** Whether {@code failure} or one of its causes says the database cannot be reached or used right now. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException || t instanceof TransactionSystemException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** One line for logs and problem details: the innermost cause's message, without class names. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
