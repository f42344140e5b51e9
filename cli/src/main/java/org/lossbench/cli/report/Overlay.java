package org.lossbench.cli.report;

import java.util.Base64;

/**
 * One captured slice crop (an entry of a cell's {@code overlays.json}, docs/report.md): the axial slice
 * {@code slice} (index k, along z) through a reference lesion's centroid, the rows {@code y0 ..
 * y0 + height - 1} and columns {@code x0 .. x0 + width - 1} of it; the image there quantised to 8 bits
 * (base64, row-major, x fastest) with the window {@code [window[0], window[1]]} mapped onto 0..255, and
 * the reference and predicted masks of the lesion's class as run lengths ({@link RunLength}).
 *
 * @param caseId the case
 * @param label the lesion's class
 * @param lesionId the lesion's component number in the reference (as {@code lesions.csv}'s {@code id})
 * @param voxels the lesion's size in voxels
 * @param centre the lesion's rounded centroid {@code (row, column)} within the crop (the crop's middle unless it was moved
 *               inside the volume at a border)
 * @param spacingMm in-plane spacing {@code (sy, sx)} in mm, for the aspect ratio
 * @param detected whether this cell's prediction detected the lesion (matched it)
 * @param lesionDice Dice of the matched pair (0 when missed)
 */
public record Overlay(String caseId, int label, int lesionId, long voxels, double diameterMm, String sizeBin, int slice, int y0, int x0,
                      int height, int width, int[] centre, double[] spacingMm, double[] window, String imageU8, int[] referenceRle,
                      int[] predictionRle, boolean detected, double lesionDice) {

    /** The identity of the lesion: the same in every cell of a dataset, since it is chosen from the reference. */
    public String lesionKey() {
        return caseId + "/" + label + "/" + lesionId;
    }

    public byte[] image() {
        byte[] b = Base64.getDecoder().decode(imageU8);
        if (b.length != height * width) {
            throw new IllegalArgumentException("image of " + b.length + " bytes for a " + height + " x " + width + " crop");
        }
        return b;
    }

    public boolean[] reference() {
        return RunLength.decode(referenceRle, height * width);
    }

    public boolean[] prediction() {
        return RunLength.decode(predictionRle, height * width);
    }
}
