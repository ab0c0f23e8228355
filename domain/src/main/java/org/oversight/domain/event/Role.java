package org.oversight.domain.event;

/**
 * The role a key signs in (docs/format.md §4.2). A principal has exactly one role, fixed by the
 * first event of its stream; every key enrolled for it acts in that role. {@link #CAMERA} is the
 * role of camera device keys, which belong to a camera rather than a principal.
 */
public enum Role {
    /** Declares authorities, enrols and revokes keys, sets the recognition policy. */
    AUTHORITY("authority"),
    /** Registers cameras, authorises watchlist entries, records actions on matches. */
    OFFICER("officer"),
    /** Reviews proposed matches. */
    REVIEWER("reviewer"),
    /** A camera device key: signs its own detections. Enrolled only by {@code CameraRegistered}. */
    CAMERA("camera"),
    /** The recognition engine: signs match proposals. */
    ENGINE("engine"),
    /** The log operator: signs checkpoints (docs/format.md §8), never events. */
    LOG("log");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The role as written in JSON. */
    public String wireName() {
        return wireName;
    }

    /**
     * The role with this wire name.
     *
     * @throws InvalidEventException naming {@code path} if there is none
     */
    public static Role fromWireName(String path, String name) throws InvalidEventException {
        for (Role r : values()) {
            if (r.wireName.equals(name)) {
                return r;
            }
        }
        throw new InvalidEventException(path, name, "unknown role");
    }
}
