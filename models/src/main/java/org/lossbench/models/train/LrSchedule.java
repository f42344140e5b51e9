package org.lossbench.models.train;

import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.spec.NamedSpec;

/**
 * Learning-rate schedules, computed in Java and fed to the step graph's {@code lr} input.
 * {@code t} is the 1-based step, {@code T} the total number of steps.
 * <ul>
 * <li>{@code constant}: {@code lr}.</li>
 * <li>{@code step:every=S,gamma=G}: {@code lr G^floor((t - 1) / S)} (PyTorch {@code StepLR}; the V-Net
 *     Caffe solver uses {@code lr_policy: "step"}).</li>
 * <li>{@code poly:power=P}: {@code lr (1 - (t - 1) / T)^P}, P = 0.9 by default (nnU-Net's
 *     {@code PolyLRScheduler}, Chen et al. 2017, DeepLab).</li>
 * </ul>
 */
public sealed interface LrSchedule {
    /** The learning rate of step {@code t} of {@code total}. */
    double at(double lr, long t, long total);

    String spec();

    record Constant() implements LrSchedule {
        @Override
        public double at(double lr, long t, long total) {
            return lr;
        }

        @Override
        public String spec() {
            return "constant";
        }
    }

    record Step(long every, double gamma) implements LrSchedule {
        @Override
        public double at(double lr, long t, long total) {
            return lr * Math.pow(gamma, (t - 1) / every);
        }

        @Override
        public String spec() {
            return "step:every=" + every + ",gamma=" + gamma;
        }
    }

    record Poly(double power) implements LrSchedule {
        @Override
        public double at(double lr, long t, long total) {
            return lr * Math.pow(1.0 - (double) (t - 1) / total, power);
        }

        @Override
        public String spec() {
            return "poly:power=" + power;
        }
    }

    /** {@code constant}, {@code step:every=S[,gamma=G]} (G default 0.1), {@code poly[:power=P]} (P default 0.9); {@link NamedSpec}'s grammar. */
    static LrSchedule parse(String spec) {
        NamedSpec named = NamedSpec.parse(spec, why -> new LossbenchException(ExitCode.USAGE, "learning-rate schedule '" + spec + "': " + why
                + "; use constant, step:every=S[,gamma=G] or poly[:power=P]"));
        Map<String, String> p = named.params();
        try {
            LrSchedule s = switch (named.name()) {
                case "constant" -> p.isEmpty() ? new Constant() : null;
                case "step" -> p.containsKey("every") && p.keySet().stream().allMatch(k -> k.equals("every") || k.equals("gamma"))
                        ? new Step(Long.parseLong(p.get("every")), Double.parseDouble(p.getOrDefault("gamma", "0.1"))) : null;
                case "poly" -> p.keySet().stream().allMatch(k -> k.equals("power"))
                        ? new Poly(Double.parseDouble(p.getOrDefault("power", "0.9"))) : null;
                default -> null;
            };
            if (s == null || s instanceof Step st && st.every() < 1) {
                throw usage(spec);
            }
            return s;
        } catch (NumberFormatException e) {
            throw usage(spec);
        }
    }

    private static LossbenchException usage(String spec) {
        return new LossbenchException(ExitCode.USAGE, "learning-rate schedule '" + spec
                + "' is not one of constant, step:every=S[,gamma=G], poly[:power=P]");
    }
}
