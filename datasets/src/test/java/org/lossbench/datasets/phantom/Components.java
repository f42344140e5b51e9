package org.lossbench.datasets.phantom;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import org.lossbench.core.volume.LabelMap;

/** Test helper: 26-connected components of one label, by breadth-first search. */
final class Components {
    /** A component: voxel count and centroid {@code (z, y, x)}. */
    record Component(int voxels, double[] centroid) {
    }

    static List<Component> of(LabelMap map, int label) {
        int d = map.grid().depth();
        int h = map.grid().height();
        int w = map.grid().width();
        boolean[] seen = new boolean[map.size()];
        List<Component> out = new ArrayList<>();
        for (int start = 0; start < map.size(); start++) {
            if (seen[start] || map.get(start) != label) {
                continue;
            }
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            seen[start] = true;
            int n = 0;
            double sz = 0;
            double sy = 0;
            double sx = 0;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int z = i / (h * w);
                int y = (i / w) % h;
                int x = i % w;
                n++;
                sz += z;
                sy += y;
                sx += x;
                for (int dz = -1; dz <= 1; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int zz = z + dz;
                            int yy = y + dy;
                            int xx = x + dx;
                            if (zz < 0 || yy < 0 || xx < 0 || zz >= d || yy >= h || xx >= w) {
                                continue;
                            }
                            int j = (zz * h + yy) * w + xx;
                            if (!seen[j] && map.get(j) == label) {
                                seen[j] = true;
                                queue.add(j);
                            }
                        }
                    }
                }
            }
            out.add(new Component(n, new double[] {sz / n, sy / n, sx / n}));
        }
        return out;
    }
}
