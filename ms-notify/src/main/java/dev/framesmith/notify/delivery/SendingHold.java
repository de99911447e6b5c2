package dev.framesmith.notify.delivery;

import dev.framesmith.notify.config.NotifyProperties;
import io.awspring.cloud.sqs.listener.MessageListenerContainer;
import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendingOptions;

/**
 * While SES has sending paused (for the account, after complaints or by an operator, or for the configuration set),
 * the notifications stay on their queue untouched instead of being received again and again until they are
 * dead-lettered: the first refusal stops the queue's listener, and every {@code pause-check} SES is asked whether
 * sending is enabled again (GetAccount, and GetConfigurationSet when one is configured); once it is, the listener
 * starts again. When SES cannot say (no permission, an outage, a stand-in without these calls), the listener starts
 * again too, and the next send finds out; so it does when an answer leaves the state unsaid, and a check that fails
 * in any other way is tried again after {@code pause-check}. {@code framesmith.notify.sending.held} is 1 meanwhile.
 */
@Component
class SendingHold implements DisposableBean {

    static final String HELD = "framesmith.notify.sending.held";

    private static final Logger log = LoggerFactory.getLogger(SendingHold.class);

    private final SesV2Client ses;
    private final MessageListenerContainerRegistry containers;
    private final NotifyProperties properties;
    private final Duration check;
    private final AtomicBoolean held = new AtomicBoolean();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sending-hold");
        thread.setDaemon(true);
        return thread;
    });

    SendingHold(SesV2Client ses, MessageListenerContainerRegistry containers, NotifyProperties properties,
            MeterRegistry meters) {
        this.ses = ses;
        this.containers = containers;
        this.properties = properties;
        this.check = properties.pauseCheck();
        meters.gauge(HELD, held, flag -> flag.get() ? 1 : 0);
    }

    /** SES refused a send because sending is paused: hold the queue until it is enabled again. */
    void paused() {
        if (!held.compareAndSet(false, true)) {
            return;
        }
        log.warn("SES has sending paused: notifications stay on the queue; checking every {}", check);
        // Not on the listener's own thread: stopping waits for the messages in hand, this one included.
        checks.execute(() -> listener().stop());
        checkLater();
    }

    boolean isHeld() {
        return held.get();
    }

    private void checkAgain() {
        try {
            if (!sendingEnabled()) {
                checkLater();
                return;
            }
            log.info("SES sending is enabled: receiving notifications again");
            listener().start();
            held.set(false);
        } catch (RuntimeException e) {
            log.warn("Receiving notifications again failed: checking again in {}", check, e);
            checkLater();
        }
    }

    private void checkLater() {
        checks.schedule(this::checkAgain, check.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether SES says sending is enabled; true when it cannot say or leaves it unsaid. */
    private boolean sendingEnabled() {
        try {
            if (Boolean.FALSE.equals(ses.getAccount(request -> { }).sendingEnabled())) {
                return false;
            }
            if (!properties.hasConfigurationSet()) {
                return true;
            }
            SendingOptions options = ses.getConfigurationSet(request -> request
                    .configurationSetName(properties.configurationSet())).sendingOptions();
            return options == null || !Boolean.FALSE.equals(options.sendingEnabled());
        } catch (SdkException e) {
            log.warn("Cannot ask SES whether sending is enabled ({}): receiving notifications again", e.toString());
            return true;
        }
    }

    private MessageListenerContainer<?> listener() {
        return containers.getContainerById(NotificationListener.ID);
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
    }
}
