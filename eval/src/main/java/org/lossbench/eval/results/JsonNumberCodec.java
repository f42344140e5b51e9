package org.lossbench.eval.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;

/**
 * The JSON form of a {@link JsonNumber}: a finite double is a JSON number, written as Jackson writes any double (so a
 * document's numbers are those a map of {@code Double}s gave); NaN and the infinities are the strings of
 * {@link ColumnType#number}. Read back: a JSON number, one of those strings or a decimal in a string; null or absent,
 * NaN (undefined).
 */
final class JsonNumberCodec {
    private JsonNumberCodec() {
    }

    static final class Writer extends StdScalarSerializer<Double> {
        Writer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value.doubleValue());
            } else {
                gen.writeString(ColumnType.number(value));
            }
        }
    }

    static final class Reader extends StdScalarDeserializer<Double> {
        Reader() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    return ColumnType.parseNumber(p.getText());
                } catch (NumberFormatException e) {
                    return (Double) ctxt.handleWeirdStringValue(Double.class, p.getText(), "not a number (nor nan, inf, -inf)");
                }
            }
            return (Double) ctxt.handleUnexpectedToken(Double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
