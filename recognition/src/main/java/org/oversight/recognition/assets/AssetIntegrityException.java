package org.oversight.recognition.assets;

/** A cached asset file is absent or its SHA-256 differs from the pinned value committed in the repository. */
public final class AssetIntegrityException extends AssetException {
    public AssetIntegrityException(String message) {
        super(message);
    }
}
