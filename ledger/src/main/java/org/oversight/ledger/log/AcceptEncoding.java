package org.oversight.ledger.log;

import java.util.Locale;

/**
 * Whether a request's {@code Accept-Encoding} (RFC 9110 §12.5.3) accepts gzip: an entry
 * {@code gzip} (or its alias {@code x-gzip}) with a non-zero quality, or, with no such entry, a
 * {@code *} with a non-zero quality. No header, {@code identity} only or {@code gzip;q=0} mean no.
 * A malformed quality counts as zero, so a garbled header never gets a compressed answer.
 */
final class AcceptEncoding {
    private AcceptEncoding() {}

    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        Double gzip = null;
        Double any = null;
        for (String entry : header.split(",")) {
            String[] parts = entry.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = gzip == null ? q : Math.max(gzip, q);
            } else if (coding.equals("*")) {
                any = q;
            }
        }
        return gzip != null ? gzip > 0 : any != null && any > 0;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
