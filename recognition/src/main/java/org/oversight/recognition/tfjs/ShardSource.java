package org.oversight.recognition.tfjs;

import java.io.IOException;

/** Supplies the bytes of a shard file named by a manifest (a plain relative file name). */
@FunctionalInterface
public interface ShardSource {
    byte[] read(String path) throws IOException;
}
