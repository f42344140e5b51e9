package org.lossbench.datasets.phantom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 fingerprints of generated phantoms. A case's hash covers its id, the image's shape and
 * float32 bits (little-endian, channel by channel, C order), every label as int32, and each lesion's
 * numbers as float64 bits; a dataset's hash is the SHA-256 of its case hashes in order.
 */
public final class PhantomHash {
    private PhantomHash() {
    }

    public static String of(PhantomCase c) {
        MessageDigest md = sha256();
        md.update(c.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        float[] image = c.image().data();
        int n = c.label().size();
        ByteBuffer buf = ByteBuffer.allocate(16 + 4 * image.length + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(c.image().channels());
        for (int s : c.image().grid().shape()) {
            buf.putInt(s);
        }
        for (float v : image) {
            buf.putInt(Float.floatToRawIntBits(v));
        }
        for (int i = 0; i < n; i++) {
            buf.putInt(c.label().get(i));
        }
        md.update(buf.array());
        ByteBuffer les = ByteBuffer.allocate(8 * 10 * c.lesions().size()).order(ByteOrder.LITTLE_ENDIAN);
        for (Lesion l : c.lesions()) {
            les.putLong(l.id());
            for (double v : l.centreVoxel()) {
                les.putDouble(v);
            }
            for (double v : l.centreMm()) {
                les.putDouble(v);
            }
            les.putDouble(l.radiusMm()).putLong(l.voxels()).putDouble(l.volumeMm3());
        }
        md.update(les.array());
        return HexFormat.of().formatHex(md.digest());
    }

    public static String ofAll(List<PhantomCase> cases) {
        MessageDigest md = sha256();
        for (PhantomCase c : cases) {
            md.update(HexFormat.of().parseHex(of(c)));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
