package org.oversight.domain.json;

/** A realistic ~1 KB signed event (a FaceDetected-like envelope) for throughput measurements. */
final class SampleEvents {
    private SampleEvents() {}

    static JsonObject faceDetected() {
        byte[] template = new byte[256];
        for (int i = 0; i < template.length; i++) {
            template[i] = (byte) (i * 37);
        }
        JsonObject header = JsonObject.builder()
                .put("eventId", "0f8e2c4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
                .put("type", "FaceDetected")
                .put("schemaVersion", 1)
                .put("stream", "camera/hq-entrance-03")
                .put("seq", 1_234_567)
                .put("prev", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .put("emittedAt", "2026-11-27T10:15:30.123456Z")
                .put("signerKeyId", "ed25519:5a1f0c3e9b7d4a2c")
                .build();
        JsonObject payload = JsonObject.builder()
                .put("camera", "camera/hq-entrance-03")
                .put("captureTime", "2026-11-27T10:15:30.100000Z")
                .put("frameDigest", "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
                .put("box", JsonArray.ofLongs(412, 118, 96, 120))
                .put("landmarks", JsonArray.ofLongs(440, 160, 480, 158, 460, 182, 444, 205, 478, 203))
                .put("modelId", "arcface-r100-v2.1")
                .put("quality", 8_734)
                .putBase64("template", template)
                .put("note", "Zoë — entrance ✓")
                .build();
        return JsonObject.builder()
                .put("header", header)
                .put("payload", payload)
                .put("signature", "q0pDhXvQx4V6m5o2cH7u1oVJm0Yz1f5o0aXz6g0F3kQ8y3n1w0cR2s9dT1uQe7pVb4nJm2kL5hG8fD3sA6zX9Q==")
                .build();
    }
}
