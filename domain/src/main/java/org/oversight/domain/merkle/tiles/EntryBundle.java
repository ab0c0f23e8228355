package org.oversight.domain.merkle.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C2SP tlog-tiles entry bundles: the leaves under one level-0 tile, each written as a big-endian
 * uint16 length followed by that many bytes of leaf data. A leaf longer than 65,535 bytes cannot
 * be served in a bundle, so the log must refuse such leaves before sequencing them.
 */
public final class EntryBundle {
    /** Largest leaf a bundle can carry. */
    public static final int MAX_ENTRY_LENGTH = 0xFFFF;

    private EntryBundle() {}

    /**
     * Encodes 1 to 256 entries.
     *
     * @throws EntryBundleException if there are no entries or more than 256, or an entry is longer
     *     than 65,535 bytes (the message gives its position and length)
     */
    public static byte[] encode(List<byte[]> entries) throws EntryBundleException {
        if (entries.isEmpty() || entries.size() > TileId.FULL_WIDTH) {
            throw new EntryBundleException("a bundle holds 1 to 256 entries, not " + entries.size());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < entries.size(); i++) {
            byte[] entry = entries.get(i);
            if (entry.length > MAX_ENTRY_LENGTH) {
                throw new EntryBundleException("entry " + i + " has " + entry.length + " bytes, more than "
                        + MAX_ENTRY_LENGTH);
            }
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xFF);
            out.write(entry, 0, entry.length);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a bundle.
     *
     * @throws EntryBundleException if a length prefix or an entry is cut off, or there are more than
     *     256 entries (the message gives the offset)
     */
    public static List<byte[]> decode(byte[] bundle) throws EntryBundleException {
        List<byte[]> entries = new ArrayList<>();
        int offset = 0;
        while (offset < bundle.length) {
            if (entries.size() == TileId.FULL_WIDTH) {
                throw new EntryBundleException("bundle has more than 256 entries; extra bytes at offset " + offset);
            }
            if (offset + 2 > bundle.length) {
                throw new EntryBundleException("length prefix at offset " + offset + " is cut off");
            }
            int length = ((bundle[offset] & 0xFF) << 8) | (bundle[offset + 1] & 0xFF);
            offset += 2;
            if (offset + length > bundle.length) {
                throw new EntryBundleException("entry " + entries.size() + " at offset " + offset + " needs "
                        + length + " bytes, " + (bundle.length - offset) + " remain");
            }
            byte[] entry = new byte[length];
            System.arraycopy(bundle, offset, entry, 0, length);
            entries.add(entry);
            offset += length;
        }
        return entries;
    }

    /**
     * Decodes the bundle at {@code tile}'s coordinates and checks it holds exactly
     * {@code tile.width()} entries.
     *
     * @throws EntryBundleException if the bundle is malformed or has another number of entries
     */
    public static List<byte[]> decode(TileId tile, byte[] bundle) throws EntryBundleException {
        List<byte[]> entries = decode(bundle);
        if (entries.size() != tile.width()) {
            throw new EntryBundleException("bundle " + TilePath.entryBundle(tile) + " has " + entries.size()
                    + " entries, want " + tile.width());
        }
        return entries;
    }
}
