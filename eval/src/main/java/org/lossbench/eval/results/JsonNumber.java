package org.lossbench.eval.results;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code double} of a results document written as the tables write a {@link ColumnType#NUMBER}: a JSON number when
 * finite, else the string {@code nan}, {@code inf} or {@code -inf}, which JSON lacks ({@link JsonNumberCodec}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonSerialize(using = JsonNumberCodec.Writer.class)
@JsonDeserialize(using = JsonNumberCodec.Reader.class)
@interface JsonNumber {
}
