package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedCommandsTest {

    private final List<String> acted = new ArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final TypedCommands commands = new TypedCommands((action, component) -> {
        if (component.equals("ms-nothing")) {
            throw new IllegalArgumentException("no service ms-nothing");
        }
        if (component.equals("sqs") && action == ComponentAction.KILL) {
            throw new IllegalArgumentException("the sqs stand-in can only be stopped and started");
        }
        acted.add(action + " " + component);
    }, new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void eachLineActsOnTheComponentItNamesWhateverTheCaseAndSpacing() throws IOException {
        read("kill video-worker\n  Terminate   ms-video \nSTOP s3\nstart s3\nstop ms-notify\nstart ms-notify\n");

        assertThat(acted).containsExactly("KILL video-worker", "TERMINATE ms-video", "STOP s3", "START s3",
                "STOP ms-notify", "START ms-notify");
        assertThat(lines()).containsExactly("   kill video-worker: done", "   terminate ms-video: done",
                "   stop s3: done", "   start s3: done", "   stop ms-notify: done", "   start ms-notify: done");
    }

    @Test
    void aLineThatIsNoCommandIsAnsweredWithTheCommandsAndTheNextLineStillActs() throws IOException {
        read("explode ms-video\nkill\nkill ms-video now\n\n   \nkill ms-video\n");

        assertThat(acted).containsExactly("KILL ms-video");
        assertThat(lines()).containsExactly("   " + TypedCommands.USAGE, "   " + TypedCommands.USAGE,
                "   " + TypedCommands.USAGE, "   kill ms-video: done");
    }

    @Test
    void aComponentTheSystemRefusesIsExplainedAndTheNextLineStillActs() throws IOException {
        read("stop ms-nothing\nkill sqs\nstop sqs\n");

        assertThat(acted).containsExactly("STOP sqs");
        assertThat(lines()).containsExactly(
                "   stop ms-nothing: no service ms-nothing (" + TypedCommands.USAGE + ")",
                "   kill sqs: the sqs stand-in can only be stopped and started (" + TypedCommands.USAGE + ")",
                "   stop sqs: done");
    }

    private void read(String typed) throws IOException {
        commands.readAll(new BufferedReader(new StringReader(typed)));
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
