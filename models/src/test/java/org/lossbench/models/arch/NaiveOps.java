package org.lossbench.models.arch;

/**
 * Plain-loop reference implementations of the V-Net's operators on single-sample tensors stored
 * {@code [C][D][H][W]}, written from the definitions, independent of ONNX Runtime.
 */
final class NaiveOps {
    private NaiveOps() {
    }

    /** A [C][D][H][W] tensor. */
    record T(int c, int d, int h, int w, float[] v) {
        T(int c, int d, int h, int w) {
            this(c, d, h, w, new float[c * d * h * w]);
        }

        float get(int ch, int z, int y, int x) {
            return v[((ch * d + z) * h + y) * w + x];
        }

        void set(int ch, int z, int y, int x, float val) {
            v[((ch * d + z) * h + y) * w + x] = val;
        }
    }

    /** {@code y[o,z,y,x] = b[o] + sum_{i,a,b,c} W[o,i,a,b,c] x[i, z*s + a - p, ...]} (zero outside). */
    static T conv(T x, float[] w, float[] b, int out, int k, int stride, int pad) {
        int od = (x.d() + 2 * pad - k) / stride + 1;
        int oh = (x.h() + 2 * pad - k) / stride + 1;
        int ow = (x.w() + 2 * pad - k) / stride + 1;
        T y = new T(out, od, oh, ow);
        for (int o = 0; o < out; o++) {
            for (int z = 0; z < od; z++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = b[o];
                        for (int i = 0; i < x.c(); i++) {
                            for (int a = 0; a < k; a++) {
                                int iz = z * stride + a - pad;
                                if (iz < 0 || iz >= x.d()) {
                                    continue;
                                }
                                for (int bb = 0; bb < k; bb++) {
                                    int iy = yy * stride + bb - pad;
                                    if (iy < 0 || iy >= x.h()) {
                                        continue;
                                    }
                                    for (int c = 0; c < k; c++) {
                                        int ix = xx * stride + c - pad;
                                        if (ix < 0 || ix >= x.w()) {
                                            continue;
                                        }
                                        s += w[(((o * x.c() + i) * k + a) * k + bb) * k + c] * x.get(i, iz, iy, ix);
                                    }
                                }
                            }
                        }
                        y.set(o, z, yy, xx, (float) s);
                    }
                }
            }
        }
        return y;
    }

    /**
     * Transposed convolution with kernel 2, stride 2, no padding: each input voxel scatters
     * {@code W[i,o,a,b,c] * x[i,z,y,x]} to output {@code (2z+a, 2y+b, 2x+c)}; weight layout {@code [C_in][C_out][2][2][2]}.
     */
    static T up2(T x, float[] w, float[] b, int out) {
        T y = new T(out, 2 * x.d(), 2 * x.h(), 2 * x.w());
        for (int o = 0; o < out; o++) {
            for (int z = 0; z < y.d(); z++) {
                for (int yy = 0; yy < y.h(); yy++) {
                    for (int xx = 0; xx < y.w(); xx++) {
                        double s = b[o];
                        int a = z % 2;
                        int bb = yy % 2;
                        int c = xx % 2;
                        for (int i = 0; i < x.c(); i++) {
                            s += w[(((i * out + o) * 2 + a) * 2 + bb) * 2 + c] * x.get(i, z / 2, yy / 2, xx / 2);
                        }
                        y.set(o, z, yy, xx, (float) s);
                    }
                }
            }
        }
        return y;
    }

    /** {@code x >= 0 ? x : a[c] x}. */
    static T prelu(T x, float[] slope) {
        T y = new T(x.c(), x.d(), x.h(), x.w());
        int n = x.d() * x.h() * x.w();
        for (int i = 0; i < x.v().length; i++) {
            float v = x.v()[i];
            y.v()[i] = v >= 0 ? v : slope[i / n] * v;
        }
        return y;
    }

    static T add(T a, T b) {
        T y = new T(a.c(), a.d(), a.h(), a.w());
        for (int i = 0; i < a.v().length; i++) {
            y.v()[i] = a.v()[i] + b.v()[i];
        }
        return y;
    }

    /** Channel concatenation. */
    static T concat(T a, T b) {
        T y = new T(a.c() + b.c(), a.d(), a.h(), a.w());
        System.arraycopy(a.v(), 0, y.v(), 0, a.v().length);
        System.arraycopy(b.v(), 0, y.v(), a.v().length, b.v().length);
        return y;
    }

    /** Channel {@code c} of the result is channel {@code c mod C_in} of the input. */
    static T repeatChannels(T x, int channels) {
        T y = new T(channels, x.d(), x.h(), x.w());
        int n = x.d() * x.h() * x.w();
        for (int c = 0; c < channels; c++) {
            System.arraycopy(x.v(), (c % x.c()) * n, y.v(), c * n, n);
        }
        return y;
    }

    /** Per channel: {@code scale (x - mean) / sqrt(var + eps) + bias}, population variance. */
    static T instanceNorm(T x, float[] scale, float[] bias, double eps) {
        T y = new T(x.c(), x.d(), x.h(), x.w());
        int n = x.d() * x.h() * x.w();
        for (int c = 0; c < x.c(); c++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x.v()[c * n + i];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double d = x.v()[c * n + i] - mean;
                var += d * d;
            }
            var /= n;
            for (int i = 0; i < n; i++) {
                y.v()[c * n + i] = (float) (scale[c] * (x.v()[c * n + i] - mean) / Math.sqrt(var + eps) + bias[c]);
            }
        }
        return y;
    }
}
