package org.oversight.domain.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;

/** Enumerates the paths of a JSON document and builds copies with one node changed. */
final class JsonMutations {
    private JsonMutations() {}

    /** A path as the JSON model renders it ({@code $.a.b[0]}) and the steps to reach it. */
    record Path(String text, List<Object> steps) {
        Path member(String name) {
            List<Object> s = new ArrayList<>(steps);
            s.add(name);
            return new Path(text + "." + name, s);
        }

        Path element(int i) {
            List<Object> s = new ArrayList<>(steps);
            s.add(i);
            return new Path(text + "[" + i + "]", s);
        }

        boolean isMember() {
            return !steps.isEmpty() && steps.get(steps.size() - 1) instanceof String;
        }
    }

    static final Path ROOT = new Path("$", List.of());

    /** Every path below {@code root} (not the root itself), depth first. */
    static List<Path> paths(JsonValue root, Path at) {
        List<Path> out = new ArrayList<>();
        collect(root, at, out);
        return out;
    }

    private static void collect(JsonValue v, Path at, List<Path> out) {
        if (v instanceof JsonObject o) {
            for (String name : o.names()) {
                Path p = at.member(name);
                out.add(p);
                collect(o.get(name).orElseThrow(), p, out);
            }
        } else if (v instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                Path p = at.element(i);
                out.add(p);
                collect(a.get(i), p, out);
            }
        }
    }

    /** Every object path at or below {@code root}. */
    static List<Path> objectPaths(JsonValue root, Path at) {
        List<Path> out = new ArrayList<>();
        if (root instanceof JsonObject) {
            out.add(at);
        }
        for (Path p : paths(root, at)) {
            if (get(root, at, p) instanceof JsonObject) {
                out.add(p);
            }
        }
        return out;
    }

    static JsonValue get(JsonValue root, Path rootPath, Path p) {
        JsonValue v = root;
        for (Object step : p.steps().subList(rootPath.steps().size(), p.steps().size())) {
            v = step instanceof String s ? ((JsonObject) v).get(s).orElseThrow() : ((JsonArray) v).get((Integer) step);
        }
        return v;
    }

    /** A copy of {@code root} with the node at {@code p} replaced by {@code f(node)}; null removes a member. */
    static JsonValue replace(JsonValue root, Path rootPath, Path p, UnaryOperator<JsonValue> f) {
        return replace(root, p.steps().subList(rootPath.steps().size(), p.steps().size()), f);
    }

    private static JsonValue replace(JsonValue v, List<Object> steps, UnaryOperator<JsonValue> f) {
        if (steps.isEmpty()) {
            return f.apply(v);
        }
        Object step = steps.get(0);
        List<Object> rest = steps.subList(1, steps.size());
        if (step instanceof String name) {
            JsonObject o = (JsonObject) v;
            Map<String, JsonValue> members = new LinkedHashMap<>();
            for (String n : o.names()) {
                JsonValue child = o.get(n).orElseThrow();
                JsonValue nv = n.equals(name) ? replace(child, rest, f) : child;
                if (nv != null) {
                    members.put(n, nv);
                }
            }
            return JsonObject.of(members);
        }
        JsonArray a = (JsonArray) v;
        List<JsonValue> elements = new ArrayList<>(a.elements());
        int i = (Integer) step;
        elements.set(i, replace(elements.get(i), rest, f));
        return JsonArray.of(elements);
    }
}
