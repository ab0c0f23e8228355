package org.oversight.domain.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of model values, and of non-canonical (but valid) spellings of them: random
 * whitespace, shuffled members and needlessly escaped characters. Deterministic per seed.
 */
final class RandomJson {
    private final Random random;

    RandomJson(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    JsonValue value(int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        switch (kind) {
            case 0:
                return JsonString.of(string());
            case 1:
                return JsonNumber.of(number());
            case 2:
                return JsonBoolean.of(random.nextBoolean());
            case 3:
                return JsonNull.INSTANCE;
            case 4:
                return JsonString.of(string());
            case 5: {
                int n = random.nextInt(5);
                List<JsonValue> elements = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    elements.add(value(depth - 1));
                }
                return JsonArray.of(elements);
            }
            default: {
                int n = random.nextInt(6);
                JsonObject.Builder b = JsonObject.builder();
                List<String> used = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = string();
                    if (!used.contains(name)) {
                        used.add(name);
                        b.put(name, value(depth - 1));
                    }
                }
                return b.build();
            }
        }
    }

    long number() {
        switch (random.nextInt(6)) {
            case 0:
                return random.nextInt(21) - 10;
            case 1:
                return JsonNumber.MAX_SAFE_INTEGER - random.nextInt(3);
            case 2:
                return JsonNumber.MIN_SAFE_INTEGER + random.nextInt(3);
            case 3:
                return random.nextInt();
            default:
                return (random.nextLong() >> 11) % JsonNumber.MAX_SAFE_INTEGER;
        }
    }

    String string() {
        int n = random.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(codePoint());
        }
        return sb.toString();
    }

    private int codePoint() {
        switch (random.nextInt(10)) {
            case 0:
                return random.nextInt(0x20);
            case 1:
                return "\"\\/\u007f".charAt(random.nextInt(4));
            case 2:
                return 0x80 + random.nextInt(0x780);
            case 3: {
                int cp = 0x800 + random.nextInt(0x10000 - 0x800);
                return Character.isSurrogate((char) cp) ? 0xfffd : cp;
            }
            case 4:
                return 0x10000 + random.nextInt(0x110000 - 0x10000);
            default:
                return 'a' + random.nextInt(26);
        }
    }

    /** A valid but (usually) non-canonical spelling of {@code v}. */
    byte[] nonCanonical(JsonValue v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void ws(StringBuilder sb) {
        if (random.nextInt(4) == 0) {
            sb.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }

    private void write(StringBuilder sb, JsonValue v) {
        ws(sb);
        if (v instanceof JsonObject o) {
            List<String> names = new ArrayList<>(o.names());
            if (random.nextBoolean()) {
                java.util.Collections.shuffle(names, random);
            }
            sb.append('{');
            ws(sb);
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                ws(sb);
                writeString(sb, names.get(i));
                ws(sb);
                sb.append(':');
                write(sb, o.get(names.get(i)).orElseThrow());
            }
            sb.append('}');
        } else if (v instanceof JsonArray a) {
            sb.append('[');
            ws(sb);
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, a.get(i));
            }
            sb.append(']');
        } else if (v instanceof JsonString s) {
            writeString(sb, s.value());
        } else {
            sb.append(v);
        }
        ws(sb);
    }

    private void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
            if (mustEscape || random.nextInt(8) == 0) {
                if (c == '/' && random.nextBoolean()) {
                    sb.append("\\/");
                } else {
                    String hex = String.format("%04x", (int) c);
                    sb.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
                    if (Character.isHighSurrogate(c)) {
                        String low = String.format("%04x", (int) s.charAt(++i));
                        sb.append("\\u").append(low);
                    }
                }
            } else {
                sb.append(c);
                if (Character.isHighSurrogate(c)) {
                    sb.append(s.charAt(++i));
                }
            }
        }
        sb.append('"');
    }
}
