package org.oversight.domain.principal;

import java.util.Objects;
import java.util.OptionalLong;
import org.oversight.domain.crypto.KeyId;

/**
 * A registered camera as the registry knows it.
 *
 * @param cameraId the camera id
 * @param deviceKey the id of its device key
 * @param registeredAt leaf index of {@code CameraRegistered}
 * @param decommissionedAt leaf index of {@code CameraDecommissioned}, if any
 */
public record CameraRecord(String cameraId, KeyId deviceKey, long registeredAt, OptionalLong decommissionedAt) {
    public CameraRecord {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(decommissionedAt, "decommissionedAt");
    }

    /** Whether the camera is registered and not decommissioned at {@code leafIndex}. */
    public boolean activeAt(long leafIndex) {
        return registeredAt < leafIndex && (decommissionedAt.isEmpty() || leafIndex < decommissionedAt.getAsLong());
    }
}
