package org.oversight.domain.json;

/**
 * Where a value sits inside the document it was read from, kept as a parent chain and rendered
 * only when an error message needs it (so typed accessors allocate no strings on success).
 */
final class FieldPath {
    static final FieldPath ROOT = new FieldPath(null, null, -1);

    private final FieldPath parent;
    private final String name;
    private final int index;

    private FieldPath(FieldPath parent, String name, int index) {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    FieldPath member(String memberName) {
        return new FieldPath(this, memberName, -1);
    }

    FieldPath element(int elementIndex) {
        return new FieldPath(this, null, elementIndex);
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    String renderMember(String memberName) {
        StringBuilder sb = new StringBuilder();
        append(sb);
        appendName(sb, memberName);
        return sb.toString();
    }

    String renderElement(int elementIndex) {
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.append('[').append(elementIndex).append(']').toString();
    }

    private void append(StringBuilder sb) {
        if (parent == null) {
            sb.append('$');
            return;
        }
        parent.append(sb);
        if (name != null) {
            appendName(sb, name);
        } else {
            sb.append('[').append(index).append(']');
        }
    }

    private static void appendName(StringBuilder sb, String name) {
        if (isIdentifier(name)) {
            sb.append('.').append(name);
        } else {
            sb.append('[').append(CanonicalJson.encodeToString(JsonString.trusted(name))).append(']');
        }
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
