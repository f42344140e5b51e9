package org.lossbench.core.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.Orientation;

/**
 * Decodes and encodes NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers, in either byte order.
 * Field offsets follow {@code nifti1.h} and {@code nifti2.h}. Decoding validates everything a
 * reader relies on and reports a broken header as a {@link BadInputException} that names the file.
 */
public final class NiftiHeaderCodec {
    /** Size of a NIfTI-1 header. */
    public static final int NIFTI1_SIZE = 348;
    /** Size of a NIfTI-2 header. */
    public static final int NIFTI2_SIZE = 540;

    private static final byte[] MAGIC1 = {'n', '+', '1', 0};
    private static final byte[] MAGIC1_PAIR = {'n', 'i', '1', 0};
    private static final byte[] MAGIC2 = {'n', '+', '2', 0, '\r', '\n', 0x1a, '\n'};

    private NiftiHeaderCodec() {
    }

    /**
     * The header size announced by the first four bytes ({@code sizeof_hdr}), trying both byte orders.
     *
     * @return {@link #NIFTI1_SIZE} or {@link #NIFTI2_SIZE}
     */
    public static int headerSize(byte[] first4, String source) {
        if (first4.length < 4) {
            throw new BadInputException(source + ": truncated NIfTI file: " + first4.length + " bytes, fewer than a header");
        }
        int le = ByteBuffer.wrap(first4).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        int be = ByteBuffer.wrap(first4).order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (le == NIFTI1_SIZE || be == NIFTI1_SIZE) {
            return NIFTI1_SIZE;
        }
        if (le == NIFTI2_SIZE || be == NIFTI2_SIZE) {
            return NIFTI2_SIZE;
        }
        throw new BadInputException(source + ": not a NIfTI file (sizeof_hdr is " + le + ", expected 348 for NIfTI-1 or 540 for NIfTI-2)");
    }

    /** Decodes and validates a complete header ({@code bytes.length} is 348 or 540). */
    public static NiftiHeader decode(byte[] bytes, String source) {
        int size = headerSize(bytes, source);
        if (bytes.length < size) {
            throw new BadInputException(source + ": truncated NIfTI header: " + bytes.length + " of " + size + " bytes");
        }
        ByteOrder order = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == size
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, size).order(order);
        return size == NIFTI1_SIZE ? decode1(b, order, source) : decode2(b, order, source);
    }

    private static NiftiHeader decode1(ByteBuffer b, ByteOrder order, String source) {
        byte[] magic = bytes(b, 344, 4);
        if (Arrays.equals(magic, MAGIC1_PAIR)) {
            throw new BadInputException(source + ": this is the header of a two-file NIfTI pair (.hdr/.img); "
                    + "lossbench reads single-file .nii and .nii.gz (convert with nibabel or fslchfiletype NIFTI_GZ)");
        }
        if (!Arrays.equals(magic, MAGIC1)) {
            throw new BadInputException(source + ": bad NIfTI-1 magic " + printable(magic) + " (expected \"n+1\")");
        }
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getShort(40 + 2 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getFloat(76 + 4 * i);
        }
        double voxOffset = b.getFloat(108);
        double[] quatern = new double[6];
        for (int i = 0; i < 6; i++) {
            quatern[i] = b.getFloat(256 + 4 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getFloat(280 + 4 * i);
        }
        return build(source, 1, order, dim, b.getShort(70), b.getShort(72), pixdim, voxOffset,
                b.getFloat(112), b.getFloat(116), b.getShort(252), b.getShort(254), quatern, srow,
                b.get(123) & 0xFF, b.getShort(68), text(b, 148, 80));
    }

    private static NiftiHeader decode2(ByteBuffer b, ByteOrder order, String source) {
        byte[] magic = bytes(b, 4, 8);
        if (!Arrays.equals(magic, MAGIC2)) {
            throw new BadInputException(source + ": bad NIfTI-2 magic " + printable(magic) + " (expected \"n+2\")");
        }
        long[] dim = new long[8];
        for (int i = 0; i < 8; i++) {
            dim[i] = b.getLong(16 + 8 * i);
        }
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = b.getDouble(104 + 8 * i);
        }
        double[] quatern = new double[6];
        for (int i = 0; i < 6; i++) {
            quatern[i] = b.getDouble(352 + 8 * i);
        }
        double[] srow = new double[12];
        for (int i = 0; i < 12; i++) {
            srow[i] = b.getDouble(400 + 8 * i);
        }
        return build(source, 2, order, dim, b.getShort(12), b.getShort(14), pixdim, b.getLong(168),
                b.getDouble(176), b.getDouble(184), b.getInt(344), b.getInt(348), quatern, srow,
                b.getInt(500), b.getInt(504), text(b, 240, 80));
    }

    private static NiftiHeader build(String source, int version, ByteOrder order, long[] dim, int datatypeCode,
                                     int bitpix, double[] pixdim, double voxOffset, double slope, double inter,
                                     int qformCode, int sformCode, double[] quatern, double[] srow,
                                     int xyztUnits, int intentCode, String description) {
        long rank = dim[0];
        if (rank < 1 || rank > 7) {
            throw new BadInputException(source + ": dim[0] (the number of dimensions) is " + rank + ", must be 1 to 7");
        }
        long[] sizes = {1, 1, 1, 1};
        for (int i = 1; i <= rank; i++) {
            if (dim[i] < 1) {
                throw new BadInputException(source + ": dimension " + i + " has size " + dim[i] + "; sizes must be at least 1");
            }
            if (i > 4 && dim[i] > 1) {
                throw new BadInputException(source + ": " + rank + "-dimensional data (dim[" + i + "] = " + dim[i]
                        + "); lossbench reads 3D volumes and 4D multi-channel images");
            }
            if (i <= 4) {
                sizes[i - 1] = dim[i];
            }
        }
        long voxels;
        try {
            voxels = Math.multiplyExact(Math.multiplyExact(sizes[0], sizes[1]), Math.multiplyExact(sizes[2], sizes[3]));
        } catch (ArithmeticException e) {
            throw new BadInputException(source + ": dimensions " + Arrays.toString(sizes) + " overflow when multiplied");
        }
        if (voxels > Grid.MAX_VOXELS) {
            throw new BadInputException(source + ": " + voxels + " voxels (" + Arrays.toString(sizes)
                    + ") is more than lossbench holds in one volume (" + Grid.MAX_VOXELS + ")");
        }
        NiftiDatatype datatype = NiftiDatatype.ofCode(datatypeCode);
        if (datatype == null) {
            throw new BadInputException(source + ": unsupported datatype " + NiftiDatatype.describeCode(datatypeCode)
                    + "; lossbench reads " + NiftiDatatype.supportedList());
        }
        if (bitpix != datatype.bitpix()) {
            throw new BadInputException(source + ": header sizes disagree: bitpix is " + bitpix + " but datatype "
                    + datatype.label() + " has " + datatype.bitpix() + " bits per voxel");
        }
        int headerSize = version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE;
        if (!Double.isFinite(voxOffset) || voxOffset < headerSize || voxOffset != Math.rint(voxOffset)) {
            throw new BadInputException(source + ": vox_offset " + voxOffset + " is invalid (must be a whole number of bytes, at least "
                    + headerSize + ")");
        }
        Orientation orientation = orientation(source, qformCode, sformCode, quatern, srow, pixdim[0]);
        NiftiHeader header = new NiftiHeader(version, order, datatype, (int) sizes[0], (int) sizes[1], (int) sizes[2],
                (int) sizes[3], pixdim, (long) voxOffset, slope, inter, orientation, xyztUnits, intentCode, description);
        try {
            header.grid();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(source + ": unusable geometry: " + e.getMessage());
        }
        return header;
    }

    private static Orientation orientation(String source, int qformCode, int sformCode, double[] q, double[] srow, double qfac) {
        for (double v : q) {
            if (!Double.isFinite(v) && qformCode > 0) {
                throw new BadInputException(source + ": the qform (quatern/qoffset) holds a non-finite value");
            }
        }
        boolean sformFinite = Arrays.stream(srow).allMatch(Double::isFinite);
        if (!sformFinite && sformCode > 0) {
            throw new BadInputException(source + ": the sform (srow_x/y/z) holds a non-finite value");
        }
        double[] qq = q.clone();
        for (int i = 0; i < qq.length; i++) {
            if (!Double.isFinite(qq[i])) {
                qq[i] = 0;
            }
        }
        Affine sform = sformFinite ? Affine.fromRows(srow) : Affine.scaling(1, 1, 1);
        return new Orientation(qformCode, qq[0], qq[1], qq[2], qq[3], qq[4], qq[5], qfac, sformCode, sform);
    }

    /**
     * Encodes a header followed by four zero extension bytes, ready to be followed by the voxel data
     * at {@code vox_offset} 352 (NIfTI-1) or 544 (NIfTI-2).
     */
    public static byte[] encode(NiftiHeader h) {
        return h.version() == 1 ? encode1(h) : encode2(h);
    }

    /** The {@code vox_offset} lossbench writes for a header version: the header plus 4 extension bytes. */
    public static int dataOffset(int version) {
        return (version == 1 ? NIFTI1_SIZE : NIFTI2_SIZE) + 4;
    }

    private static byte[] encode1(NiftiHeader h) {
        ByteBuffer b = ByteBuffer.allocate(dataOffset(1)).order(h.byteOrder());
        b.putInt(0, NIFTI1_SIZE);
        b.put(38, (byte) 'r'); // "regular", as nifti1_io writes
        short[] dim = {(short) (h.nt() > 1 ? 4 : 3), (short) h.nx(), (short) h.ny(), (short) h.nz(), (short) h.nt(), 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        b.putShort(68, (short) h.intentCode());
        b.putShort(70, (short) h.datatype().code());
        b.putShort(72, (short) h.datatype().bitpix());
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, (float) h.pixdim()[i]);
        }
        b.putFloat(108, dataOffset(1));
        b.putFloat(112, (float) h.sclSlope());
        b.putFloat(116, (float) h.sclInter());
        b.put(123, (byte) h.xyztUnits());
        putText(b, 148, 80, h.description());
        Orientation o = h.orientation();
        b.putShort(252, (short) o.qformCode());
        b.putShort(254, (short) o.sformCode());
        double[] q = {o.quaternB(), o.quaternC(), o.quaternD(), o.qoffsetX(), o.qoffsetY(), o.qoffsetZ()};
        for (int i = 0; i < 6; i++) {
            b.putFloat(256 + 4 * i, (float) q[i]);
        }
        double[] rows = o.sform().rows();
        for (int i = 0; i < 12; i++) {
            b.putFloat(280 + 4 * i, (float) rows[i]);
        }
        b.position(344);
        b.put(MAGIC1);
        return b.array();
    }

    private static byte[] encode2(NiftiHeader h) {
        ByteBuffer b = ByteBuffer.allocate(dataOffset(2)).order(h.byteOrder());
        b.putInt(0, NIFTI2_SIZE);
        b.position(4);
        b.put(MAGIC2);
        b.putShort(12, (short) h.datatype().code());
        b.putShort(14, (short) h.datatype().bitpix());
        long[] dim = {h.nt() > 1 ? 4 : 3, h.nx(), h.ny(), h.nz(), h.nt(), 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
        }
        for (int i = 0; i < 8; i++) {
            b.putDouble(104 + 8 * i, h.pixdim()[i]);
        }
        b.putLong(168, dataOffset(2));
        b.putDouble(176, h.sclSlope());
        b.putDouble(184, h.sclInter());
        putText(b, 240, 80, h.description());
        Orientation o = h.orientation();
        b.putInt(344, o.qformCode());
        b.putInt(348, o.sformCode());
        double[] q = {o.quaternB(), o.quaternC(), o.quaternD(), o.qoffsetX(), o.qoffsetY(), o.qoffsetZ()};
        for (int i = 0; i < 6; i++) {
            b.putDouble(352 + 8 * i, q[i]);
        }
        double[] rows = o.sform().rows();
        for (int i = 0; i < 12; i++) {
            b.putDouble(400 + 8 * i, rows[i]);
        }
        b.putInt(500, h.xyztUnits());
        b.putInt(504, h.intentCode());
        return b.array();
    }

    private static byte[] bytes(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        b.get(offset, out, 0, length);
        return out;
    }

    private static String text(ByteBuffer b, int offset, int length) {
        byte[] raw = bytes(b, offset, length);
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static void putText(ByteBuffer b, int offset, int length, String text) {
        byte[] raw = text == null ? new byte[0] : text.getBytes(StandardCharsets.ISO_8859_1);
        b.put(offset, raw, 0, Math.min(raw.length, length - 1));
    }

    private static String printable(byte[] raw) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : raw) {
            sb.append(x >= 32 && x < 127 ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xFF));
        }
        return sb.append('"').toString();
    }
}
