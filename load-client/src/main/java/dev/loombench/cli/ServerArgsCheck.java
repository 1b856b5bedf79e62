package dev.loombench.cli;

import dev.loombench.protocol.Transport;
import dev.loombench.run.PollerModes;
import dev.loombench.server.ServerConfig;
import dev.loombench.server.ServerKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code run} and {@code sweep} make before their first child server starts, for the
 * settings that depend on which models run or on the JDK: {@code --loops} for models without
 * event loops, and a virtual-thread poller mode ({@code --poller-mode} or {@code -Djdk.pollerMode}
 * in {@code --server-jvm-args}) that the JDK refuses, and {@code --transport udp} for a model without a
 * UDP form ({@code async}). A setting that reaches none of the chosen models is refused; one that
 * reaches only some of them is applied to those, with a note ({@link #servable} leaves out the models
 * that cannot run at all).
 */
final class ServerArgsCheck {

    private ServerArgsCheck() {}

    /**
     * @return notes for the user (a setting that reaches only some models, the poller mode in effect)
     * @throws IllegalArgumentException with a one-line reason when a setting cannot be honoured (exit code 2)
     */
    static List<String> check(List<ServerKind> kinds, ServerConfig server, List<String> jvmArgs)
            throws IOException, InterruptedException {
        List<String> notes = new ArrayList<>();
        if (server.transport() == Transport.UDP) {
            List<String> without = kinds.stream().filter(k -> !k.servesUdp()).map(ServerKind::cliName).toList();
            String why = String.join(", ", without) + (without.size() == 1 ? " has" : " have") + " no UDP form (the JDK has no"
                    + " asynchronous datagram channel); use nio or netty for an event loop over UDP";
            if (without.size() == kinds.size()) throw new IllegalArgumentException("--transport udp: " + why);
            if (!without.isEmpty()) notes.add("--transport udp: " + why + "; left out");
        }
        if (server.loops() != ServerConfig.DEFAULT_LOOPS) {
            List<String> without = kinds.stream().filter(k -> !k.hasLoops()).map(ServerKind::cliName).toList();
            if (without.size() == kinds.size()) {
                throw new IllegalArgumentException("--loops applies to " + ServerKind.loopModels() + "; " + String.join(", ", without)
                        + (without.size() == 1 ? " has" : " have") + " no event loops");
            }
            if (!without.isEmpty()) notes.add("--loops " + server.loops() + " applies to " + ServerKind.loopModels()
                    + " only; " + String.join(", ", without) + " run without it");
        }
        String pollerMode = PollerModes.in(jvmArgs).orElse(null);
        if (pollerMode != null) {
            String mode = PollerModes.require(pollerMode);
            notes.add("virtual-thread poller: " + mode + " (-Djdk.pollerMode=" + pollerMode + ")"
                    + (kinds.contains(ServerKind.VIRTUAL) ? "" : "; only the virtual model blocks virtual threads in I/O, so it"
                    + " changes nothing for " + String.join(", ", kinds.stream().map(ServerKind::cliName).toList())));
        }
        return notes;
    }

    /** The models of {@code kinds} that can serve {@code server}'s transport (over UDP, not {@code async}). */
    static List<ServerKind> servable(List<ServerKind> kinds, ServerConfig server) {
        return server.transport() == Transport.UDP ? kinds.stream().filter(ServerKind::servesUdp).toList() : kinds;
    }
}
