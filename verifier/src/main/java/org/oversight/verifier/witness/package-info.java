/**
 * {@code verifier witness}: a C2SP tlog-witness that is also a live auditor. It cosigns a checkpoint
 * (C2SP tlog-cosignature/v1) only after it has fetched every new leaf through the log's tlog-tiles
 * endpoints, checked that they hash to the checkpoint's root, and replayed every rule and the
 * recognition projection over them; after a violation or a fork it refuses to cosign for good and
 * keeps the evidence in its state directory. No Spring, Axon or ledger code: the JDK's HTTP server
 * and client.
 */
package org.oversight.verifier.witness;
