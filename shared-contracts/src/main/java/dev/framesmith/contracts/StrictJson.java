package dev.framesmith.contracts;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The rules every JSON reader of Framesmith applies, to request bodies (through service-support) and to
 * messages ({@link MessageCodec}) alike: a document means exactly one thing or it is refused.
 *
 * <ul>
 *   <li>a number or a boolean is never turned into a string ({@code "password": 1e999999} is not the text
 *       {@code "1e999999"});</li>
 *   <li>a key given twice in one object is an error, not "the last one wins";</li>
 *   <li>anything after the document (a second document, stray tokens) is an error.</li>
 * </ul>
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** Applies the rules to a builder and returns it. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.Textual, coercion -> coercion
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
