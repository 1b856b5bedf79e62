package dev.loombench.client;

import dev.loombench.machine.MachineFacts;
import java.util.List;
import java.util.Map;

/** The facts stored with every result; collected by {@link MachineFacts#describe}, the one collector. */
public final class Environment {

    private Environment() {}

    /** Same as {@link MachineFacts#describe}. */
    public static Map<String, Object> describe(List<String> commandLine) {
        return MachineFacts.describe(commandLine);
    }
}
