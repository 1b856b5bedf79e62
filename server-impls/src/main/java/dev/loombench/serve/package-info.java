/**
 * {@code serve}, the servers' own entry point: the {@link dev.loombench.serve.ServeCommand} that
 * runs one model in the foreground, its options ({@link dev.loombench.serve.ServerOptions}, also
 * how the load client passes a configuration to a child server) and {@link dev.loombench.serve.ServerCli},
 * the {@code main} of {@code server-impls/target/loombench-server.jar}. That jar holds the servers
 * and picocli only, so what a child server costs (RSS, threads) is the model's, not the load
 * client's. The duration forms of every loombench command line ({@link dev.loombench.serve.Durations})
 * live here too, since both command lines read them.
 */
package dev.loombench.serve;
