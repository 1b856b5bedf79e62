package dev.loombench.server;

import dev.loombench.protocol.Connection;
import dev.loombench.protocol.Protocol;
import dev.loombench.protocol.ProtocolSession;
import dev.loombench.protocol.ServerContext;

/**
 * Makes the protocol session of one admitted connection; the models call it on the thread that
 * will serve the connection. Always the configured {@link Protocol#newSession} outside tests;
 * tests hand a model sessions that fail in ways no client can cause (an {@link Error}, a
 * session that ignores interrupts), through {@link ServerKind#create(ServerConfig, SessionFactory)}.
 */
@FunctionalInterface
interface SessionFactory {

    ProtocolSession newSession(ServerContext context, Connection connection);
}
