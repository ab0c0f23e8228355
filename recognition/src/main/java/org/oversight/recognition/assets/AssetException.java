package org.oversight.recognition.assets;

/** The recognition assets (model weights, test photos) are missing, cannot be fetched, or fail their pinned hashes. */
public class AssetException extends Exception {
    public AssetException(String message) {
        super(message);
    }

    public AssetException(String message, Throwable cause) {
        super(message, cause);
    }
}
