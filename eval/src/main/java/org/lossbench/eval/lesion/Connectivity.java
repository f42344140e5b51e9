package org.lossbench.eval.lesion;

/**
 * Voxel adjacency for connected components: 6 (faces), 18 (faces and edges) or 26 (faces, edges
 * and corners), as {@code scipy.ndimage.generate_binary_structure(3, 1 | 2 | 3)}.
 */
public enum Connectivity {
    FACES(6), EDGES(18), CORNERS(26);

    private final int neighbours;

    Connectivity(int neighbours) {
        this.neighbours = neighbours;
    }

    public int neighbours() {
        return neighbours;
    }

    /** 6, 18 or 26. */
    public static Connectivity of(int neighbours) {
        for (Connectivity c : values()) {
            if (c.neighbours == neighbours) {
                return c;
            }
        }
        throw new IllegalArgumentException("connectivity must be 6, 18 or 26, got " + neighbours);
    }

    /**
     * Whether a run in the row at offset {@code (dz, dy)} (each -1, 0 or 1, not both 0) may touch a run
     * through x offsets of -1 and +1 as well as 0: allowed when {@code |dz| + |dy| + 1 <= 2} for 18
     * and always for 26.
     */
    boolean diagonalInX(int dz, int dy) {
        int rowSteps = Math.abs(dz) + Math.abs(dy);
        return switch (this) {
            case FACES -> false;
            case EDGES -> rowSteps == 1;
            case CORNERS -> true;
        };
    }

    /** Whether rows at offset {@code (dz, dy)} are adjacent at all (same x for 6 needs one step). */
    boolean rowsAdjacent(int dz, int dy) {
        int rowSteps = Math.abs(dz) + Math.abs(dy);
        return this == FACES ? rowSteps == 1 : rowSteps <= 2;
    }
}
