package org.oversight.recognition.image;

import java.util.Optional;

/** A rectangle of whole pixels: columns {@code x .. x + width - 1}, rows {@code y .. y + height - 1}. */
public record PixelRect(int x, int y, int width, int height) {
    /**
     * face-api's {@code Box.clipAtImageBorders(imageWidth, imageHeight)} followed by its filter on
     * positive size, for a box given in double pixel coordinates: {@code x0 = max(x, 0)},
     * {@code y0 = max(y, 0)}, {@code w0 = min((x + width) - x0, imageWidth - x0)}, likewise
     * {@code h0}; then each of x0, y0, w0, h0 is floored separately.
     *
     * @return the rectangle, or empty if its floored width or height is not positive
     */
    public static Optional<PixelRect> clipAndFloor(double x, double y, double width, double height,
            int imageWidth, int imageHeight) {
        double clippedX = Math.max(x, 0);
        double clippedY = Math.max(y, 0);
        double newWidth = (x + width) - clippedX;
        double newHeight = (y + height) - clippedY;
        double clippedWidth = Math.min(newWidth, imageWidth - clippedX);
        double clippedHeight = Math.min(newHeight, imageHeight - clippedY);
        long fx = (long) Math.floor(clippedX);
        long fy = (long) Math.floor(clippedY);
        long fw = (long) Math.floor(clippedWidth);
        long fh = (long) Math.floor(clippedHeight);
        if (fw <= 0 || fh <= 0) {
            return Optional.empty();
        }
        // floor(x0) + floor(w0) <= x0 + w0 <= imageWidth, so the rectangle always fits.
        if (fx + fw > imageWidth || fy + fh > imageHeight) {
            throw new IllegalStateException("clipped rectangle " + fw + "x" + fh + " at (" + fx + ", " + fy
                    + ") leaves the " + imageWidth + "x" + imageHeight + " image");
        }
        return Optional.of(new PixelRect((int) fx, (int) fy, (int) fw, (int) fh));
    }
}
