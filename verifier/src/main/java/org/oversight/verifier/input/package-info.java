/**
 * Reading the verifier's inputs safely: every file is read with a size bound fixed before the
 * first byte is read (so {@code /dev/zero}, a FIFO or a multi-gigabyte file given by mistake ends
 * in a one-line error, never in an {@code OutOfMemoryError}), and every I/O failure is described in
 * plain words ("file not found: PATH", "connection refused: URL") instead of Java class names.
 */
package org.oversight.verifier.input;
