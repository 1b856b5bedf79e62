package dev.loombench.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

    @Test
    void readsHostPortBracketedIpv6AndABarePortWithoutLookingTheHostUp() {
        assertEquals(InetSocketAddress.createUnresolved("example.org", 7000), HostPort.parse("example.org:7000"));
        assertEquals(InetSocketAddress.createUnresolved("10.0.0.2", 1), HostPort.parse("10.0.0.2:1"));
        assertEquals(InetSocketAddress.createUnresolved("::1", 7000), HostPort.parse("[::1]:7000"));
        assertEquals(InetSocketAddress.createUnresolved("fe80::1%eth0", 65535), HostPort.parse("[fe80::1%eth0]:65535"));
        assertEquals(InetSocketAddress.createUnresolved("127.0.0.1", 7000), HostPort.parse("7000"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nohost            | no :PORT",
            "localhost:http    | the port must be a number from 1 to 65535",
            "host:0            | the port must be a number from 1 to 65535",
            "host:65536        | the port must be a number from 1 to 65535",
            "host:+80          | the port must be a number from 1 to 65535",
            "host:             | the port must be a number from 1 to 65535",
            "0                 | the port must be a number from 1 to 65535",
            ":80               | the host is missing",
            "[]:80             | the host is missing",
            "::1:7000          | write an IPv6 address in brackets",
            "[::1]             | no :PORT after the ]",
            "[::1]7000         | no :PORT after the ]",
            "[::1:7000         | the IPv6 address has no closing ]"})
    void refusesWhatIsNotHostPortSayingWhy(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
        assertEquals("'" + text + "' is not HOST:PORT: " + why + ", e.g. 127.0.0.1:7000 or [::1]:7000", e.getMessage());
    }

    @Test
    void writesIpv6InBracketsAndAResolvedAddressAsItsIp() {
        assertEquals("127.0.0.1:80", HostPort.format(new InetSocketAddress("127.0.0.1", 80)));
        assertEquals("[::1]:80", HostPort.format(InetSocketAddress.createUnresolved("::1", 80)));
        assertEquals("[0:0:0:0:0:0:0:1]:80", HostPort.format(new InetSocketAddress("::1", 80)));
        assertEquals("example.org:80", HostPort.format(InetSocketAddress.createUnresolved("example.org", 80)));
    }
}
