package dev.kryten.llm.dispatch;

import dev.kryten.llm.kryten.Subjects;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Kryten-Robot's lifecycle subjects: after a Robot (re)start or a new CyTube connection,
 * CyTube replays the channel's recent lines, so chat older than that moment is history, never
 * answered ({@link ReplayWindow}, shared by all lanes).
 */
public final class RobotWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RobotWatch.class);

    private final Connection connection;
    private final Dispatcher subscription;
    private final ReplayWindow window;

    public RobotWatch(Connection connection, Clock clock) {
        this.connection = connection;
        this.window = new ReplayWindow(clock.millis());
        this.subscription = connection.createDispatcher(message -> {
            String event = Subjects.lastToken(message.getSubject());
            if (event.equals("startup") || event.equals("connected")) {
                window.robotReconnected(clock.millis());
                log.info("Kryten-Robot {}: chat older than now is treated as replayed history", event);
            }
        });
        subscription.subscribe(Subjects.ROBOT_LIFECYCLE);
    }

    ReplayWindow window() {
        return window;
    }

    @Override
    public void close() {
        connection.closeDispatcher(subscription);
    }
}
