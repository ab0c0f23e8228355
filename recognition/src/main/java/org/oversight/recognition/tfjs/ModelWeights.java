package org.oversight.recognition.tfjs;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oversight.recognition.tensor.Tensor;

/** The decoded weights of a model (float32 tensors by name, in manifest order) and its {@link ModelId}. */
public final class ModelWeights {
    private final Map<String, Tensor> tensors;
    private final ModelId id;

    ModelWeights(LinkedHashMap<String, Tensor> tensors, ModelId id) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.id = id;
    }

    /** The model's identity (see {@link ModelId}). */
    public ModelId id() {
        return id;
    }

    /** All tensors by name, in manifest order. Callers must not mutate their elements. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * The tensor {@code name}, checked to have {@code expectedShape}.
     *
     * @throws WeightsFormatException if it is absent or has another shape
     */
    public Tensor require(String name, int... expectedShape) throws WeightsFormatException {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new WeightsFormatException("model lacks weight " + name);
        }
        if (!Arrays.equals(t.shape(), expectedShape)) {
            throw new WeightsFormatException("weight " + name + " has shape " + Arrays.toString(t.shape())
                    + " != expected " + Arrays.toString(expectedShape));
        }
        return t;
    }
}
