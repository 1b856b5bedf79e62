package dev.loombench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What run and sweep refuse or note before they start a server: --loops where no model has loops, poller modes. */
@Timeout(60)
class ServerArgsCheckTest {

    private static final ServerConfig TWO_LOOPS = ServerConfig.defaults().withLoops(2);

    @Test
    void loopsForModelsThatHaveNoneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerArgsCheck.check(List.of(ServerKind.THREAD, ServerKind.VIRTUAL), TWO_LOOPS, List.of()));
        assertEquals("--loops applies to nio, netty, async; thread, virtual have no event loops", e.getMessage());
    }

    @Test
    void loopsForSomeOfTheModelsApplyToThoseWithANote() throws Exception {
        List<String> notes = ServerArgsCheck.check(List.of(ServerKind.values()), TWO_LOOPS, List.of());
        assertEquals(List.of("--loops 2 applies to nio, netty, async only; single, thread, pool, virtual run without it"), notes);
        assertEquals(List.of(), ServerArgsCheck.check(List.of(ServerKind.NIO), TWO_LOOPS, List.of()));
    }

    /** The mode is asked of the JDK in a child JVM: the one that runs the servers. */
    @Test
    void aPollerModeIsCheckedAgainstTheJdkAndTheModeInEffectIsNoted() throws Exception {
        List<String> notes = ServerArgsCheck.check(List.of(ServerKind.VIRTUAL), ServerConfig.defaults(),
                List.of("-Xmx256m", "-Djdk.pollerMode=1"));
        assertEquals(List.of("virtual-thread poller: SYSTEM_THREADS (-Djdk.pollerMode=1)"), notes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerArgsCheck.check(List.of(ServerKind.VIRTUAL), ServerConfig.defaults(), List.of("-Djdk.pollerMode=fibers")));
        assertTrue(e.getMessage().startsWith("-Djdk.pollerMode=fibers is refused by this JDK"), e.getMessage());
        assertTrue(e.getMessage().contains("it accepts 1 (SYSTEM_THREADS), 2 (VTHREAD_POLLERS)"), e.getMessage());
    }

    @Test
    void aPollerModeForModelsWithoutVirtualThreadsSaysItChangesNothing() throws Exception {
        List<String> notes = ServerArgsCheck.check(List.of(ServerKind.NETTY), ServerConfig.defaults(), List.of("-Djdk.pollerMode=2"));
        assertTrue(notes.getFirst().endsWith("only the virtual model blocks virtual threads in I/O, so it changes nothing for netty"),
                notes.toString());
    }
}
