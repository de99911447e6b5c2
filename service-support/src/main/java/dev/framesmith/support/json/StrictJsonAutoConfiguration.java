package dev.framesmith.support.json;

import dev.framesmith.contracts.StrictJson;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Every service's JSON mapper (request bodies, responses) follows {@link StrictJson}, the rules the message codec
 * follows too: no number or boolean read as a string, no key given twice, nothing after the document. A body that
 * breaks them is a 400 {@code malformed-request}.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public class StrictJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer framesmithStrictJson() {
        return StrictJson::configure;
    }
}
