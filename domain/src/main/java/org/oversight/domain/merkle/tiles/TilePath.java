package org.oversight.domain.merkle.tiles;

/**
 * C2SP tlog-tiles resource paths, relative to the log's URL prefix:
 * {@code tile/<L>/<N>[.p/<W>]} for tiles and {@code tile/entries/<N>[.p/<W>]} for entry bundles.
 *
 * <p>{@code <N>} is written in zero-padded 3-digit elements, all but the last prefixed with
 * {@code x}: index 1234067 is {@code x001/x234/067}. Parsing accepts only this canonical form
 * (no leading zeros in {@code L} or {@code W}, no superfluous {@code x000} element, no
 * {@code .p/256}), so every resource has exactly one path.
 */
public final class TilePath {
    private static final String TILE_PREFIX = "tile/";
    private static final String ENTRIES_PREFIX = "tile/entries/";
    private static final String PARTIAL_SUFFIX = ".p";

    private TilePath() {}

    /** The path of a tile, e.g. {@code tile/1/x001/x234/067.p/8}. */
    public static String tile(TileId tile) {
        return TILE_PREFIX + tile.level() + "/" + indexAndWidth(tile.index(), tile.width());
    }

    /**
     * The path of the entry bundle of the leaves under level-0 tile {@code tile}, e.g.
     * {@code tile/entries/x001/x234/067.p/8}.
     *
     * @throws IllegalArgumentException if {@code tile} is not a level-0 tile
     */
    public static String entryBundle(TileId tile) {
        if (tile.level() != 0) {
            throw new IllegalArgumentException("entry bundles correspond to level-0 tiles, not level " + tile.level());
        }
        return ENTRIES_PREFIX + indexAndWidth(tile.index(), tile.width());
    }

    /** {@code <N>} in 3-digit elements: 0 is {@code 000}, 1234067 is {@code x001/x234/067}. */
    public static String encodeIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("tile index " + index + " < 0");
        }
        String last = threeDigits(index % 1000);
        StringBuilder prefix = new StringBuilder();
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            prefix.insert(0, "x" + threeDigits(rest % 1000) + "/");
        }
        return prefix + last;
    }

    /**
     * Parses {@code tile/<L>/<N>[.p/<W>]}.
     *
     * @throws TilePathException naming the offending element if {@code path} is not a canonical
     *     tile path (entry-bundle paths included)
     */
    public static TileId parseTile(String path) throws TilePathException {
        if (!path.startsWith(TILE_PREFIX) || path.startsWith(ENTRIES_PREFIX)) {
            throw new TilePathException("path \"" + path + "\" does not start with \"tile/<L>/\"");
        }
        String rest = path.substring(TILE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new TilePathException("path \"" + path + "\" has no tile index");
        }
        String levelText = rest.substring(0, slash);
        long level = parseDecimal(levelText, "level", path);
        if (level > TileId.MAX_LEVEL) {
            throw new TilePathException("tile level " + level + " > " + TileId.MAX_LEVEL + " in \"" + path + "\"");
        }
        return parseIndexAndWidth((int) level, rest.substring(slash + 1), path);
    }

    /**
     * Parses {@code tile/entries/<N>[.p/<W>]} into the coordinates of the matching level-0 tile.
     *
     * @throws TilePathException naming the offending element if {@code path} is not canonical
     */
    public static TileId parseEntryBundle(String path) throws TilePathException {
        if (!path.startsWith(ENTRIES_PREFIX)) {
            throw new TilePathException("path \"" + path + "\" does not start with \"" + ENTRIES_PREFIX + "\"");
        }
        return parseIndexAndWidth(0, path.substring(ENTRIES_PREFIX.length()), path);
    }

    private static String indexAndWidth(long index, int width) {
        String n = encodeIndex(index);
        return width == TileId.FULL_WIDTH ? n : n + PARTIAL_SUFFIX + "/" + width;
    }

    private static TileId parseIndexAndWidth(int level, String text, String path) throws TilePathException {
        String[] elements = text.split("/", -1);
        int count = elements.length;
        int width = TileId.FULL_WIDTH;
        if (count >= 2 && elements[count - 2].endsWith(PARTIAL_SUFFIX)) {
            long w = parseDecimal(elements[count - 1], "width", path);
            if (w < 1 || w >= TileId.FULL_WIDTH) {
                throw new TilePathException("partial tile width " + w + " outside [1, 255] in \"" + path + "\"");
            }
            width = (int) w;
            count--;
            elements[count - 1] = elements[count - 1].substring(0, elements[count - 1].length() - PARTIAL_SUFFIX.length());
        }
        long index = 0;
        for (int i = 0; i < count; i++) {
            String element = elements[i];
            boolean last = i == count - 1;
            String digits = last ? element : stripX(element, path);
            if (digits.length() != 3 || !allDigits(digits)) {
                throw new TilePathException("index element \"" + element + "\" is not "
                        + (last ? "3 digits" : "x followed by 3 digits") + " in \"" + path + "\"");
            }
            if (i == 0 && count > 1 && digits.equals("000")) {
                throw new TilePathException("index element \"" + element + "\" is a superfluous leading zero group in \""
                        + path + "\"");
            }
            try {
                index = Math.addExact(Math.multiplyExact(index, 1000L), Long.parseLong(digits));
            } catch (ArithmeticException e) {
                throw new TilePathException("tile index overflows 63 bits in \"" + path + "\"");
            }
        }
        return TileId.of(level, index, width);
    }

    private static String stripX(String element, String path) throws TilePathException {
        if (!element.startsWith("x")) {
            throw new TilePathException("index element \"" + element + "\" lacks its \"x\" prefix in \"" + path + "\"");
        }
        return element.substring(1);
    }

    private static long parseDecimal(String text, String what, String path) throws TilePathException {
        if (text.isEmpty() || text.length() > 3 || !allDigits(text) || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new TilePathException(what + " \"" + text + "\" is not a decimal without leading zeros in \"" + path + "\"");
        }
        return Long.parseLong(text);
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String threeDigits(long value) {
        String s = Long.toString(value);
        return "000".substring(s.length()) + s;
    }
}
