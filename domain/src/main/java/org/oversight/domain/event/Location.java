package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * Where a camera is (docs/format.md §4.5): a description and WGS 84 coordinates in units of
 * 10^-7 degrees (about 1 cm), integers so no floating point is signed.
 *
 * @param description human-readable place, 1–512 code points
 * @param latitudeE7 latitude × 10^7, −900,000,000 to 900,000,000
 * @param longitudeE7 longitude × 10^7, −1,800,000,000 to 1,800,000,000
 */
public record Location(String description, long latitudeE7, long longitudeE7) {
    private static final Set<String> FIELDS = Set.of("description", "latitudeE7", "longitudeE7");

    public Location {
        String d = description;
        long la = latitudeE7;
        long lo = longitudeE7;
        Values.unchecked(() -> check("$", d, la, lo));
    }

    /**
     * Reads and validates a location object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static Location fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String description = Fields.text(o, "description", 512);
        long lat = Fields.integer(o, "latitudeE7", -900_000_000L, 900_000_000L);
        long lon = Fields.integer(o, "longitudeE7", -1_800_000_000L, 1_800_000_000L);
        return new Location(description, lat, lon);
    }

    private static void check(String at, String description, long lat, long lon) throws InvalidEventException {
        Values.text(at + ".description", description, 512);
        Values.range(at + ".latitudeE7", lat, -900_000_000L, 900_000_000L);
        Values.range(at + ".longitudeE7", lon, -1_800_000_000L, 1_800_000_000L);
    }

    /** The location as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("description", description)
                .put("latitudeE7", latitudeE7)
                .put("longitudeE7", longitudeE7)
                .build();
    }
}
