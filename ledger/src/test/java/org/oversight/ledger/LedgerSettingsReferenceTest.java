package org.oversight.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.engine.EngineProperties;
import org.oversight.ledger.leader.LeadershipProperties;
import org.oversight.ledger.sequencer.CheckpointProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The settings reference (the tables headed "key | default" in docs/ledger.md and docs/storage.md) against the
 * {@code @ConfigurationProperties} types of the ledger: every key they bind is listed, every key listed
 * is bound, and where a listed default is a value (not a description such as {@code <data-dir>/…}) it
 * equals the default the type binds when nothing is set.
 */
class LedgerSettingsReferenceTest {
    private static final Path[] REFERENCE = {Path.of("../docs/ledger.md"), Path.of("../docs/storage.md")};
    private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();
    /** Defaults the tables describe in words; each is checked to be written exactly so. */
    private static final Map<String, String> DESCRIBED = Map.of(
            "oversight.log.public-url", "none",
            "oversight.log.origin", "derived from `public-url`, else `oversight.local/log`",
            "oversight.keys.log-key-file", "`<data-dir>/keys/log.key`",
            "oversight.keys.engine-key-file", "`<data-dir>/keys/engine.key`",
            "oversight.security.credentials-file", "`<data-dir>/credentials`",
            "oversight.leadership.node-id", "host name + pid",
            "oversight.witness.quorum", "all of them",
            "oversight.store.embedded-postgres.settings.<name>", "none",
            "oversight.store.kurrentdb.connection-string", "— (required for `kurrentdb`)",
            "oversight.vault.model-dir", "the asset cache's model directory");

    /** A key as the tables list it, with its default cell. */
    private record Listed(String key, String defaultCell) {}

    /** A key a type binds, with the value it binds when nothing is set (null: none). */
    private record Bound(String key, Class<?> type, Object defaultValue) {}

    private static Map<String, Listed> listed() throws IOException {
        Map<String, Listed> out = new TreeMap<>();
        for (Path doc : REFERENCE) {
            boolean inSettingsTable = false;
            for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
                // A settings table: header "| key | default | …", rows until the first line not a row.
                inSettingsTable = line.toLowerCase(java.util.Locale.ROOT).startsWith("| key | default |")
                        || inSettingsTable && line.startsWith("|");
                if (!inSettingsTable || !line.startsWith("| `oversight.")) {
                    continue;
                }
                String[] cells = line.split("\\|");
                String key = cells[1].strip().replace("`", "");
                Listed l = new Listed(key, cells[2].strip());
                Listed before = out.putIfAbsent(key, l);
                assertThat(before == null || before.equals(l)).as("%s listed twice, differently: %s and %s", key,
                        before, l).isTrue();
            }
        }
        return out;
    }

    private static Map<String, Bound> bound() throws Exception {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, Bound> out = new TreeMap<>();
        Binder empty = new Binder(new MapConfigurationPropertySource(Map.of()));
        for (var candidate : scan.findCandidateComponents("org.oversight.ledger")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            ConfigurationProperties a = type.getAnnotation(ConfigurationProperties.class);
            String prefix = a.prefix().isEmpty() ? a.value() : a.prefix();
            Object defaults = empty.bindOrCreate(prefix, type);
            walk(prefix, type, defaults, out);
        }
        return out;
    }

    private static void walk(String prefix, Class<?> type, Object value, Map<String, Bound> out) throws Exception {
        Map<String, Object[]> members = new LinkedHashMap<>(); // name -> {generic type, value}
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                members.put(c.getName(), new Object[] {c.getGenericType(),
                        value == null ? null : c.getAccessor().invoke(value)});
            }
        } else {
            for (PropertyDescriptor p : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
                if (p.getReadMethod() != null) {
                    members.put(p.getName(), new Object[] {p.getReadMethod().getGenericReturnType(),
                            value == null ? null : p.getReadMethod().invoke(value)});
                }
            }
        }
        for (Map.Entry<String, Object[]> m : members.entrySet()) {
            String key = prefix + "." + kebab(m.getKey());
            Type generic = (Type) m.getValue()[0];
            Object v = m.getValue()[1];
            Class<?> raw = generic instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) generic;
            if (List.class.isAssignableFrom(raw)) {
                Class<?> element = (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
                walk(key + "[i]", element, null, out);
            } else if (Map.class.isAssignableFrom(raw)) {
                out.put(key + ".<name>", new Bound(key + ".<name>", String.class, null));
            } else if (raw.getName().startsWith("org.oversight.ledger") && !raw.isEnum()) {
                walk(key, raw, v, out);
            } else {
                out.put(key, new Bound(key, raw, v));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void everyBoundKeyIsListedAndEveryListedKeyIsBound() throws Exception {
        Set<String> listed = new TreeSet<>(listed().keySet());
        Set<String> bound = new TreeSet<>(bound().keySet());
        assertThat(bound).as("keys bound by @ConfigurationProperties but not in the tables of %s",
                List.of(REFERENCE)).isSubsetOf(listed);
        assertThat(listed).as("keys in the tables that no @ConfigurationProperties type binds").isSubsetOf(bound);
        assertThat(bound).contains("oversight.checkpoint.every-leaves", "oversight.leadership.session-timeout-ms",
                "oversight.witness.witnesses[i].vkey", "oversight.store.embedded-postgres.settings.<name>");
    }

    @Test
    void everyDefaultWrittenAsAValueIsTheBoundDefaultAndTheOthersAreWrittenAsDescribed() throws Exception {
        Map<String, Bound> bound = bound();
        for (Listed l : listed().values()) {
            Bound b = bound.get(l.key());
            if (b == null) {
                continue; // the other test names it
            }
            if (DESCRIBED.containsKey(l.key())) {
                assertThat(l.defaultCell()).as("default of %s", l.key()).isEqualTo(DESCRIBED.get(l.key()));
                continue;
            }
            String cell = l.defaultCell().replace("`", "");
            Object written = cell.equals("—") || cell.equals("none") ? null : convert(l.key(), cell, b.type());
            Object defaultValue = b.defaultValue() instanceof Path p ? p.normalize() : b.defaultValue();
            assertThat(written).as("default of %s: the table says %s, %s binds %s", l.key(), l.defaultCell(),
                    b.type().getSimpleName(), defaultValue).isEqualTo(defaultValue);
        }
    }

    private static Object convert(String key, String cell, Class<?> type) {
        String value = cell.equals("16 MiB") ? "16777216" : cell.equals("1 MiB") ? "1048576" : cell;
        if (type == Path.class) {
            return Path.of(value).normalize();
        }
        try {
            return CONVERSION.convert(value.startsWith("0x") && (type == Long.class || type == long.class)
                    ? Long.toString(Long.decode(value)) : value, type);
        } catch (RuntimeException e) {
            throw new AssertionError("default of " + key + " written as '" + cell + "' is not a " + type.getSimpleName()
                    + "; write the value, or describe it and add it to DESCRIBED", e);
        }
    }

    @Test
    void invalidSettingsStopTheStartWithTheKeyNamed() {
        Binder b = new Binder(new MapConfigurationPropertySource(Map.of("oversight.checkpoint.every-leaves", "0",
                "oversight.engine.page-size", "0", "oversight.leadership.poll-interval-ms", "6000")));
        assertThatThrownBy(() -> b.bindOrCreate("oversight.checkpoint", CheckpointProperties.class))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("oversight.checkpoint.every-leaves 0");
        assertThatThrownBy(() -> b.bindOrCreate("oversight.engine", EngineProperties.class))
                .rootCause().hasMessageContaining("oversight.engine.page-size 0");
        assertThatThrownBy(() -> b.bindOrCreate("oversight.leadership", LeadershipProperties.class))
                .rootCause().hasMessageContaining("poll-interval-ms 6000 must be at most half of session-timeout-ms 10000");
    }
}
