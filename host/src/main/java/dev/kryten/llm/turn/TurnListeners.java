package dev.kryten.llm.turn;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans an event out to every registered listener, as JDA's event manager does: a listener's
 * failure is logged with the listener's class and contained, so one broken listener can neither
 * stop a lane nor starve the others. Listeners may be added and removed while lines flow.
 */
public final class TurnListeners implements TurnListener {
    private static final Logger log = LoggerFactory.getLogger(TurnListeners.class);

    private final List<TurnListener> listeners = new CopyOnWriteArrayList<>();

    public TurnListeners(TurnListener... initial) {
        listeners.addAll(List.of(initial));
    }

    public void add(TurnListener listener) {
        listeners.add(listener);
    }

    public void remove(TurnListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onOutcome(LineOutcome outcome) {
        for (TurnListener listener : listeners) {
            try {
                listener.onOutcome(outcome);
            } catch (RuntimeException | LinkageError e) {
                log.error("[{}] turn listener {} failed on an outcome; skipped: {}", outcome.id(),
                        listener.getClass().getName(), e.toString(), e);
            }
        }
    }

    @Override
    public void onPartSent(PartSent part) {
        for (TurnListener listener : listeners) {
            try {
                listener.onPartSent(part);
            } catch (RuntimeException | LinkageError e) {
                log.error("[{}] turn listener {} failed on a sent part; skipped: {}", part.id(),
                        listener.getClass().getName(), e.toString(), e);
            }
        }
    }
}
