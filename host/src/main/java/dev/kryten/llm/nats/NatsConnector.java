package dev.kryten.llm.nats;

import dev.kryten.llm.config.NatsSettings;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the host's one NATS connection with kryten-py's behaviour (2 s between reconnects, never
 * give up) and logs every connection change and slow-consumer drop, so an operator sees why chat
 * stopped arriving.
 */
public final class NatsConnector {
    private static final Logger log = LoggerFactory.getLogger(NatsConnector.class);

    private NatsConnector() {}

    /**
     * Connects, waiting as long as it takes (the server may come up after the bot); logs every
     * {@code waitLogEvery} that it is still waiting.
     */
    public static Connection connect(NatsSettings settings, String connectionName) throws InterruptedException {
        return connect(settings, connectionName, () -> { });
    }

    /** As {@link #connect(NatsSettings, String)}; {@code onReconnected} runs after every reconnect. */
    public static Connection connect(NatsSettings settings, String connectionName, Runnable onReconnected) throws InterruptedException {
        Options.Builder builder = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .connectionName(connectionName)
                .connectionTimeout(settings.connectTimeout())
                .reconnectWait(Duration.ofSeconds(2))
                .maxReconnects(-1)
                .connectionListener(new LoggingConnectionListener(onReconnected))
                .errorListener(new LoggingErrorListener());
        if (settings.token() != null) {
            builder.token(settings.token().toCharArray());
        } else if (settings.user() != null) {
            builder.userInfo(settings.user(), settings.password() == null ? "" : settings.password());
        }
        Options options = builder.build();
        log.info("connecting to NATS at {}", masked(settings.servers()));
        Thread waiter = Thread.ofVirtual().name("nats-wait-log").start(() -> {
            try {
                while (true) {
                    Thread.sleep(5_000);
                    log.warn("still waiting for NATS at {} (retrying every 2 s)", masked(settings.servers()));
                }
            } catch (InterruptedException done) {
                // connected or gave up
            }
        });
        try {
            return Nats.connectReconnectOnConnect(options);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to NATS at " + masked(settings.servers()) + ": " + e.getMessage(), e);
        } finally {
            waiter.interrupt();
        }
    }

    /** Server URLs without any {@code user:password@} part, for logs. */
    static java.util.List<String> masked(java.util.List<String> servers) {
        return servers.stream().map(u -> u.replaceAll("://[^@/]*@", "://***@")).toList();
    }

    private static final class LoggingConnectionListener implements ConnectionListener {
        private final Runnable onReconnected;

        LoggingConnectionListener(Runnable onReconnected) {
            this.onReconnected = onReconnected;
        }

        @Override
        public void connectionEvent(Connection conn, Events type) {
            switch (type) {
                case CONNECTED -> log.info("connected to NATS {}", masked(java.util.List.of(String.valueOf(conn.getConnectedUrl()))));
                case RECONNECTED -> {
                    log.info("reconnected to NATS {}", masked(java.util.List.of(String.valueOf(conn.getConnectedUrl()))));
                    Thread.ofVirtual().start(onReconnected); // not on the connection's own thread
                }
                case DISCONNECTED -> log.warn("disconnected from NATS; reconnecting");
                case CLOSED -> log.info("NATS connection closed");
                default -> log.debug("NATS connection event {}", type);
            }
        }
    }

    private static final class LoggingErrorListener implements ErrorListener {
        @Override
        public void errorOccurred(Connection conn, String error) {
            log.warn("NATS server error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            log.warn("NATS connection problem: {}", exp.toString());
        }

        @Override
        public void slowConsumerDetected(Connection conn, Consumer consumer) {
            log.error("chat arrives faster than the bot reads it: NATS is dropping messages for a subscription "
                    + "(pending {} messages); the oldest unread events are lost", consumer.getPendingMessageCount());
        }
    }
}
