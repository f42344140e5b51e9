package org.lossbench.core.graph.grad;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.Node;

/** The gradient rule of each op type, and the ops that have no gradient. */
final class GradRules {
    /**
     * Ops whose outputs carry no gradient: their outputs are integer or boolean, or piecewise
     * constant in their float inputs (zero derivative almost everywhere). They stop the walk.
     * {@code Cast} is listed separately: it has no gradient unless it casts float to float.
     */
    static final Set<String> NO_GRADIENT = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or",
            "Not", "Xor", "IsNaN", "IsInf", "OneHot", "Shape", "Size", "ArgMax", "ArgMin", "NonZero", "Range",
            "ConstantOfShape", "Constant", "Sign", "Floor", "Ceil", "Round");

    private static final Map<String, GradRule> RULES = rules();

    private GradRules() {
    }

    private static Map<String, GradRule> rules() {
        Map<String, GradRule> m = new TreeMap<>();
        GradRule arithmetic = new ArithmeticGrad();
        for (String op : new String[] {"Add", "Sub", "Mul", "Div", "Neg"}) {
            m.put(op, arithmetic);
        }
        m.put("Pow", new PowGrad());
        GradRule unary = new UnaryMathGrad();
        for (String op : new String[] {"Exp", "Log", "Sqrt", "Abs", "Tanh", "Reciprocal", "Sigmoid", "Identity", "Cast"}) {
            m.put(op, unary);
        }
        GradRule activation = new ActivationGrad();
        for (String op : new String[] {"Relu", "LeakyRelu", "Elu", "PRelu"}) {
            m.put(op, activation);
        }
        GradRule softmax = new SoftmaxGrad();
        m.put("Softmax", softmax);
        m.put("LogSoftmax", softmax);
        GradRule reduce = new ReduceGrad();
        m.put("ReduceSum", reduce);
        m.put("ReduceMean", reduce);
        m.put("TopK", new TopKGrad());
        GradRule shape = new ShapeOpGrad();
        for (String op : new String[] {"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose"}) {
            m.put(op, shape);
        }
        GradRule concatSplit = new ConcatSplitGrad();
        m.put("Concat", concatSplit);
        m.put("Split", concatSplit);
        GradRule slice = new SliceGrad();
        m.put("Slice", slice);
        m.put("Pad", slice);
        GradRule select = new SelectGrad();
        for (String op : new String[] {"Where", "Max", "Min", "Clip"}) {
            m.put(op, select);
        }
        GradRule matmul = new MatMulGrad();
        m.put("MatMul", matmul);
        m.put("Gemm", matmul);
        m.put("InstanceNormalization", new InstanceNormGrad());
        m.put("Conv", new ConvGrad());
        m.put("ConvTranspose", new ConvTransposeGrad());
        return m;
    }

    /** The rule for {@code opType}, or null. */
    static GradRule forOp(String opType) {
        return RULES.get(opType);
    }

    /** The op types with a rule, sorted. */
    static Set<String> supportedOps() {
        return RULES.keySet();
    }

    /** Whether {@code node}'s outputs carry no gradient (including a Cast to or from a non-float type). */
    static boolean hasNoGradient(Node node, Graph graph) {
        if (node.opType().equals("Cast")) {
            return graph.value(node.input(0)).dtype() != DType.FLOAT || graph.value(node.output()).dtype() != DType.FLOAT;
        }
        return NO_GRADIENT.contains(node.opType());
    }
}
