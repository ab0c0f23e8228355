package org.oversight.recognition.image;

/** The bytes are not an image this decoder accepts (not JPEG, corrupt, or an unsupported colour model). */
public final class ImageDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
