package org.oversight.recognition.template;

import java.util.Arrays;
import org.oversight.domain.bytes.Hex;
import org.oversight.recognition.tfjs.ModelId;

/**
 * A quantised face template, version 1 (docs/format.md §9): 161 bytes,
 * {@code version (0x01) || model id (32 bytes) || 128 signed int8 components}, each component in
 * [-127, 127] (−128 never occurs, so negation is closed). Immutable; byte arrays are copied in
 * and out.
 */
public final class FaceTemplate {
    /** The format version byte. */
    public static final int VERSION = 1;
    /** Number of components. */
    public static final int DIMENSIONS = 128;
    /** Encoded length in bytes. */
    public static final int ENCODED_LENGTH = 1 + ModelId.LENGTH + DIMENSIONS;

    private final ModelId modelId;
    private final byte[] components;

    private FaceTemplate(ModelId modelId, byte[] components) {
        this.modelId = modelId;
        this.components = components;
    }

    /**
     * A template from its components.
     *
     * @throws TemplateFormatException if there are not 128 components or one is −128
     */
    public static FaceTemplate of(ModelId modelId, byte[] components) throws TemplateFormatException {
        if (components.length != DIMENSIONS) {
            throw new TemplateFormatException("template has " + components.length + " components != " + DIMENSIONS);
        }
        byte[] copy = components.clone();
        for (int i = 0; i < DIMENSIONS; i++) {
            if (copy[i] == Byte.MIN_VALUE) {
                throw new TemplateFormatException("template component " + i + " is -128, outside [-127, 127]");
            }
        }
        return new FaceTemplate(modelId, copy);
    }

    /**
     * Parses the 161-byte encoding.
     *
     * @throws TemplateFormatException on a wrong length, a version other than 1, or a component −128
     */
    public static FaceTemplate parse(byte[] encoded) throws TemplateFormatException {
        if (encoded.length != ENCODED_LENGTH) {
            throw new TemplateFormatException("template encoding has " + encoded.length + " bytes != " + ENCODED_LENGTH);
        }
        if (encoded[0] != VERSION) {
            throw new TemplateFormatException("template version " + (encoded[0] & 0xff) + " != " + VERSION);
        }
        ModelId id = ModelId.of(Arrays.copyOfRange(encoded, 1, 1 + ModelId.LENGTH));
        return of(id, Arrays.copyOfRange(encoded, 1 + ModelId.LENGTH, ENCODED_LENGTH));
    }

    /** The 161-byte encoding. */
    public byte[] encode() {
        byte[] out = new byte[ENCODED_LENGTH];
        out[0] = VERSION;
        System.arraycopy(modelId.toByteArray(), 0, out, 1, ModelId.LENGTH);
        System.arraycopy(components, 0, out, 1 + ModelId.LENGTH, DIMENSIONS);
        return out;
    }

    /** The model that produced the descriptor. */
    public ModelId modelId() {
        return modelId;
    }

    /** A copy of the 128 components. */
    public byte[] components() {
        return components.clone();
    }

    /** Component {@code i}. */
    public int component(int i) {
        return components[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceTemplate other && modelId.equals(other.modelId) && Arrays.equals(components, other.components);
    }

    @Override
    public int hashCode() {
        return 31 * modelId.hashCode() + Arrays.hashCode(components);
    }

    @Override
    public String toString() {
        return Hex.encode(encode());
    }
}
