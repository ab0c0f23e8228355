package org.oversight.recognition.tfjs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.PlainJson;

/**
 * A parsed TensorFlow.js {@code weights_manifest.json}: a list of groups, each with the shard file
 * {@code paths} whose concatenation holds that group's {@code weights} back to back, in order.
 */
public final class WeightsManifest {
    private static final long MAX_ELEMENTS = 1L << 28;
    /** face-api's manifests are under 30 KiB and nest four deep. */
    private static final JsonLimits LIMITS = new JsonLimits(64, 1 << 20);

    /** One group: its shard paths and weight entries, in file order. */
    public record Group(List<String> paths, List<WeightSpec> weights) {
        public Group {
            paths = List.copyOf(paths);
            weights = List.copyOf(weights);
        }

        /** Total bytes the weight entries occupy. */
        public long byteLength() {
            long n = 0;
            for (WeightSpec w : weights) {
                n += w.byteLength();
            }
            return n;
        }
    }

    private final List<Group> groups;

    private WeightsManifest(List<Group> groups) {
        this.groups = Collections.unmodifiableList(groups);
    }

    /** The groups in manifest order. */
    public List<Group> groups() {
        return groups;
    }

    /**
     * Parses manifest JSON (UTF-8, at most 1 MiB, read by the domain's {@link PlainJson}).
     *
     * @throws WeightsFormatException on malformed JSON (invalid UTF-8 included), missing or ill-typed fields, unknown dtypes,
     *     negative or oversized shapes, duplicate weight names, or path names that are absolute or
     *     climb directories
     */
    public static WeightsManifest parse(byte[] json) throws WeightsFormatException {
        Object root;
        try {
            root = PlainJson.parse(json, LIMITS);
        } catch (JsonException e) {
            throw new WeightsFormatException("manifest is not valid JSON: " + e.getMessage(), e);
        }
        List<?> groupList = asList(root, "manifest");
        List<Group> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int g = 0; g < groupList.size(); g++) {
            Map<?, ?> group = asMap(groupList.get(g), "group " + g);
            List<String> paths = new ArrayList<>();
            for (Object p : asList(group.get("paths"), "group " + g + " paths")) {
                paths.add(checkPath(asString(p, "group " + g + " path")));
            }
            List<WeightSpec> specs = new ArrayList<>();
            for (Object w : asList(group.get("weights"), "group " + g + " weights")) {
                WeightSpec spec = weight(asMap(w, "group " + g + " weight"));
                if (!names.add(spec.name())) {
                    throw new WeightsFormatException("duplicate weight name " + spec.name());
                }
                specs.add(spec);
            }
            groups.add(new Group(paths, specs));
        }
        return new WeightsManifest(groups);
    }

    private static WeightSpec weight(Map<?, ?> w) throws WeightsFormatException {
        String name = asString(w.get("name"), "weight name");
        List<?> dims = asList(w.get("shape"), "shape of " + name);
        int[] shape = new int[dims.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = asInt(dims.get(i), "shape of " + name);
            if (shape[i] < 0) {
                throw new WeightsFormatException("weight " + name + " has negative dimension " + shape[i]);
            }
            n *= shape[i];
            if (n > MAX_ELEMENTS) {
                throw new WeightsFormatException("weight " + name + " has more than " + MAX_ELEMENTS + " elements");
            }
        }
        String dtype = asString(w.get("dtype"), "dtype of " + name);
        if (!dtype.equals("float32") && !dtype.equals("int32")) {
            throw new WeightsFormatException("weight " + name + " has unsupported dtype " + dtype);
        }
        Quantization q = null;
        Object qv = w.get("quantization");
        if (qv != null) {
            Map<?, ?> qm = asMap(qv, "quantization of " + name);
            String qd = asString(qm.get("dtype"), "quantization dtype of " + name);
            switch (qd) {
                case "uint8", "uint16" -> {
                    double scale = asDouble(qm.get("scale"), "quantization scale of " + name);
                    double min = asDouble(qm.get("min"), "quantization min of " + name);
                    q = new Quantization(qd, scale, min);
                }
                case "float16" -> {
                    if (!dtype.equals("float32")) {
                        throw new WeightsFormatException("weight " + name + ": float16 quantisation needs dtype float32, not " + dtype);
                    }
                    q = new Quantization(qd, Double.NaN, Double.NaN);
                }
                default -> throw new WeightsFormatException("weight " + name + " has unsupported quantization dtype " + qd);
            }
        }
        return new WeightSpec(name, shape, dtype, q);
    }

    private static String checkPath(String p) throws WeightsFormatException {
        if (p.isEmpty() || p.startsWith("/") || p.contains("\\") || p.contains("..") || p.contains("\0")) {
            throw new WeightsFormatException("shard path \"" + p + "\" must be a plain relative file name");
        }
        return p;
    }

    private static List<?> asList(Object o, String what) throws WeightsFormatException {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new WeightsFormatException(what + " must be a JSON array, got " + describe(o));
    }

    private static Map<?, ?> asMap(Object o, String what) throws WeightsFormatException {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new WeightsFormatException(what + " must be a JSON object, got " + describe(o));
    }

    private static String asString(Object o, String what) throws WeightsFormatException {
        if (o instanceof String s) {
            return s;
        }
        throw new WeightsFormatException(what + " must be a string, got " + describe(o));
    }

    private static int asInt(Object o, String what) throws WeightsFormatException {
        if (o instanceof PlainJson.Num n) {
            try {
                return n.asInt();
            } catch (JsonException e) {
                throw new WeightsFormatException(what + ": " + e.getMessage());
            }
        }
        throw new WeightsFormatException(what + " must be an integer, got " + describe(o));
    }

    private static double asDouble(Object o, String what) throws WeightsFormatException {
        if (o instanceof PlainJson.Num n) {
            double d = n.asDouble();
            if (!Double.isFinite(d)) {
                throw new WeightsFormatException(what + " " + n.literal() + " is not finite");
            }
            return d;
        }
        throw new WeightsFormatException(what + " must be a number, got " + describe(o));
    }

    private static String describe(Object o) {
        if (o == null) {
            return "nothing";
        }
        String s = String.valueOf(o);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
