package dev.kryten.llm.plugin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts open leases per plugin and lets an unload wait until none is open. Each load of a plugin
 * id is a new generation: a lease can only be taken on the generation that is loaded now, so an
 * extension read from an old map never reaches an unloaded plugin, and a late release of an old
 * lease never lowers the count of a newer load.
 */
final class InFlight {
    private final Map<String, Integer> open = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private final Set<String> closing = new HashSet<>();

    synchronized long generation(String pluginId) {
        return generations.getOrDefault(pluginId, 0L);
    }

    synchronized boolean acquire(String pluginId, long generation) {
        if (closing.contains(pluginId) || generation != generation(pluginId)) {
            return false;
        }
        open.merge(pluginId, 1, Integer::sum);
        return true;
    }

    synchronized void release(String pluginId, long generation) {
        if (generation == generation(pluginId)) {
            open.computeIfPresent(pluginId, (k, v) -> v <= 1 ? null : v - 1);
            notifyAll();
        }
    }

    /** No new leases on this plugin from now on. */
    synchronized void close(String pluginId) {
        closing.add(pluginId);
    }

    /** Waits until the plugin has no open lease; returns the ms waited, or -1 on timeout. */
    synchronized long awaitIdle(String pluginId, long timeoutMs) {
        long start = System.currentTimeMillis();
        while (open.getOrDefault(pluginId, 0) > 0) {
            long left = timeoutMs - (System.currentTimeMillis() - start);
            if (left <= 0) {
                return -1;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return System.currentTimeMillis() - start;
    }

    /** The plugin was unloaded: its leases are history, the next load is a new generation. */
    synchronized void forget(String pluginId) {
        closing.remove(pluginId);
        open.remove(pluginId);
        generations.merge(pluginId, 1L, Long::sum);
    }
}
