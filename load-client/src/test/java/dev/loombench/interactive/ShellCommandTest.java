package dev.loombench.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loombench.interactive.ShellCommand.Burst;
import dev.loombench.interactive.ShellCommand.Connect;
import dev.loombench.interactive.ShellCommand.Invalid;
import dev.loombench.interactive.ShellCommand.Send;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellCommandTest {

    @Test
    void parsesEveryCommandWordCaseInsensitively() {
        assertEquals(new ShellCommand.Time(), ShellCommand.parse("TIME"));
        assertEquals(new ShellCommand.Name(), ShellCommand.parse(" name "));
        assertEquals(new ShellCommand.ListClients(), ShellCommand.parse("List"));
        assertEquals(new ShellCommand.Disconnect(), ShellCommand.parse("disconnect"));
        assertEquals(new ShellCommand.Help(), ShellCommand.parse("help"));
        assertEquals(new ShellCommand.Exit(), ShellCommand.parse("exit"));
        assertEquals(new ShellCommand.Exit(), ShellCommand.parse("quit"));
        assertEquals(new ShellCommand.Empty(), ShellCommand.parse("   "));
        assertEquals(new Burst(100), ShellCommand.parse("burst 100"));
    }

    @Test
    void sendKeepsTheMessageAsTyped() {
        assertEquals(new Send(3, "hello,  world"), ShellCommand.parse("send 3   hello,  world"));
    }

    @Test
    void sendTakesTheWholeUnsignedIdRange() {
        assertEquals(new Send(-1, "x"), ShellCommand.parse("send 4294967295 x")); // u32 max
    }

    @ParameterizedTest
    @ValueSource(strings = {"send abc", "send abc hello", "send 2", "send", "send -1 hi", "send 4294967296 hi"})
    void malformedSendIsAUsageLine(String line) {
        Invalid invalid = assertInstanceOf(Invalid.class, ShellCommand.parse(line));
        assertTrue(invalid.message().startsWith("usage: send ID MESSAGE"), invalid.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"burst", "burst 0", "burst -5", "burst 1000001", "burst lots"})
    void burstOutsideItsRangeIsAUsageLine(String line) {
        Invalid invalid = assertInstanceOf(Invalid.class, ShellCommand.parse(line));
        assertTrue(invalid.message().startsWith("usage: burst N"), invalid.message());
    }

    @Test
    void argumentsToCommandsWithoutArgumentsAreRefused() {
        assertEquals(new Invalid("usage: time (no arguments)"), ShellCommand.parse("time now"));
    }

    @Test
    void connectTakesHostPortIpv6OrABarePort() {
        assertEquals(InetSocketAddress.createUnresolved("example.org", 7000), connectAddress("connect example.org:7000"));
        assertEquals(InetSocketAddress.createUnresolved("::1", 7000), connectAddress("connect [::1]:7000"));
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.1", 7000), connectAddress("connect 7000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect", "connect host", "connect host:0", "connect host:65536", "connect :80", "connect ::1:7000", "connect a b"})
    void connectWithoutAValidAddressIsAUsageLine(String line) {
        Invalid invalid = assertInstanceOf(Invalid.class, ShellCommand.parse(line));
        assertTrue(invalid.message().startsWith("usage: connect HOST:PORT"), invalid.message());
    }

    @Test
    void unknownCommandIsNamedInTheError() {
        assertEquals(new Invalid("error: unknown command 'Frob'; type help for the commands"), ShellCommand.parse("Frob x"));
    }

    private static InetSocketAddress connectAddress(String line) {
        return assertInstanceOf(Connect.class, ShellCommand.parse(line)).address();
    }
}
