package dev.framesmith.support.messaging;

import dev.framesmith.contracts.Message;
import dev.framesmith.contracts.MessageCodec;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * The message record a {@link QueueListener} method takes, decoded from the body with {@link MessageCodec}. As an
 * argument resolver it also tells Spring Cloud AWS that the parameter is not a payload for its own converter, so the
 * body reaches the listener as the text SQS delivered.
 */
final class MessageRecords implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Message.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, org.springframework.messaging.Message<?> message) {
        return decode(message, parameter.getParameterType().asSubclass(Message.class));
    }

    /** @throws dev.framesmith.contracts.MalformedMessageException when the body is not such a record */
    static <T extends Message> T decode(org.springframework.messaging.Message<?> message, Class<T> type) {
        if (!(message.getPayload() instanceof String body)) {
            throw new IllegalStateException("a queue listener's payload must be the message body as text, not "
                    + message.getPayload().getClass().getName());
        }
        return MessageCodec.decode(body, type);
    }

    /** The one record parameter of a listener method. */
    static Class<? extends Message> recordType(Method method) {
        List<Class<?>> records = Arrays.stream(method.getParameterTypes())
                .filter(Message.class::isAssignableFrom)
                .toList();
        if (records.size() != 1) {
            throw new IllegalStateException("@QueueListener " + method + " must take exactly one message record");
        }
        return records.get(0).asSubclass(Message.class);
    }
}
