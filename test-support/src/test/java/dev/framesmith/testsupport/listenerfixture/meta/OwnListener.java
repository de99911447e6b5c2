package dev.framesmith.testsupport.listenerfixture.meta;

import io.awspring.cloud.sqs.annotation.SqsListener;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;

/** A fixture of {@code StructureRulesTest}: a listener annotation of its own, which is {@code @SqsListener} again. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@SqsListener
@interface OwnListener {

    @AliasFor(annotation = SqsListener.class, attribute = "value")
    String[] value();
}
