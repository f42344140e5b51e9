package org.lossbench.core.io.npy;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;

/**
 * The header of a {@code .npy} file (format versions 1.0, 2.0 and 3.0): dtype, byte order, memory
 * order and shape, parsed from the Python dict literal that NumPy writes, such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 *
 * @param dtype        element type
 * @param byteOrder    byte order of the elements (single-byte types report little-endian)
 * @param fortranOrder whether the data is stored first-axis-fastest
 * @param shape        the shape
 */
public record NpyHeader(NpyDtype dtype, ByteOrder byteOrder, boolean fortranOrder, int[] shape) {

    /** Parses the dict text of a header; {@code source} names the file in error messages. */
    static NpyHeader parse(String text, String source) {
        Map<String, Object> dict = new DictParser(text, source).parseDict();
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (!(descr instanceof String d)) {
            throw bad(source, descr instanceof List ? "structured dtypes are not supported" : "the header has no 'descr' string");
        }
        if (!(fortran instanceof Boolean f)) {
            throw bad(source, "the header has no 'fortran_order' True/False");
        }
        if (!(shape instanceof int[] s)) {
            throw bad(source, "the header has no 'shape' tuple");
        }
        if (d.length() < 2) {
            throw bad(source, "unsupported dtype '" + d + "'");
        }
        char order = d.charAt(0);
        NpyDtype dtype = NpyDtype.ofCode(d.substring(1));
        if (dtype == null || "<>|=".indexOf(order) < 0) {
            throw bad(source, "unsupported dtype '" + d + "'; lossbench reads bool, int8..int64, uint8..uint32, float32 and float64");
        }
        ByteOrder byteOrder = order == '>' ? ByteOrder.BIG_ENDIAN
                : order == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        try {
            NpyArray.elementCount(s);
        } catch (IllegalArgumentException e) {
            throw bad(source, e.getMessage());
        }
        return new NpyHeader(dtype, byteOrder, f, s);
    }

    private static BadInputException bad(String source, String what) {
        return new BadInputException(source + ": bad .npy header: " + what);
    }

    /** The dict text NumPy would write for a little-endian C-order array. */
    static String format(NpyDtype dtype, int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(dtype.bytes() == 1 ? '|' : '<').append(dtype.code())
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        return sb.append("), }").toString();
    }

    /** A strict parser for the small subset of Python literals a .npy header uses. */
    private static final class DictParser {
        private final String s;
        private final String source;
        private int pos;

        DictParser(String s, String source) {
            this.s = s;
            this.source = source;
        }

        Map<String, Object> parseDict() {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                Object key = value();
                if (!(key instanceof String k)) {
                    throw bad(source, "dict key is not a string at offset " + pos);
                }
                expect(':');
                out.put(k, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw bad(source, "expected ',' or '}' at offset " + pos);
                }
            }
            skipSpace();
            if (pos != s.length()) {
                throw bad(source, "unexpected text after the dict at offset " + pos);
            }
            return out;
        }

        private Object value() {
            skipSpace();
            char c = peek();
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw bad(source, "unterminated string at offset " + pos);
                }
                String str = s.substring(pos + 1, end);
                pos = end + 1;
                return str;
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (c == '(') {
                return tuple();
            }
            if (c == '[') {
                skipBracketed();
                return List.of();
            }
            throw bad(source, "unexpected character '" + c + "' at offset " + pos);
        }

        private int[] tuple() {
            expect('(');
            List<Integer> sizes = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw bad(source, "shape holds a non-integer at offset " + start);
                }
                String digits = s.substring(start, pos);
                if (pos < s.length() && s.charAt(pos) == 'L') { // Python 2 long suffix
                    pos++;
                }
                try {
                    sizes.add(Integer.parseInt(digits));
                } catch (NumberFormatException e) {
                    throw bad(source, "shape size " + digits + " is too large");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw bad(source, "expected ',' or ')' in shape at offset " + pos);
                }
            }
            return sizes.stream().mapToInt(Integer::intValue).toArray();
        }

        private void skipBracketed() {
            int depth = 0;
            do {
                char c = peek();
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                pos++;
            } while (depth > 0);
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw bad(source, "expected '" + c + "' at offset " + pos);
            }
            pos++;
        }

        private char peek() {
            if (pos >= s.length()) {
                throw bad(source, "the header ends early");
            }
            return s.charAt(pos);
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
