package com.codexmanager.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake's memory of requests, open streams and client disconnects. Thread-safe: one monitor guards the
 * lists and counters, and waiters are woken on every change. Waits are bounded by the caller's timeout.
 */
final class RequestLog {
    private final AtomicLong sequence = new AtomicLong();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private int tokenRequests;
    private int openStreams;
    private int disconnects;

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    synchronized void add(RecordedRequest request) {
        requests.add(request);
        if (request.method().equals("POST") && request.path().equals("/oauth/token")) {
            tokenRequests++;
        }
        notifyAll();
    }

    synchronized List<RecordedRequest> all() {
        return List.copyOf(requests);
    }

    synchronized List<RecordedRequest> byPath(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    synchronized Optional<RecordedRequest> last() {
        return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
    }

    synchronized Optional<RecordedRequest> last(String path) {
        List<RecordedRequest> matching = byPath(path);
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    synchronized int tokenRequests() {
        return tokenRequests;
    }

    synchronized void streamOpened() {
        openStreams++;
        notifyAll();
    }

    synchronized void streamClosed(boolean clientDisconnected) {
        openStreams--;
        if (clientDisconnected) {
            disconnects++;
        }
        notifyAll();
    }

    synchronized int openStreams() {
        return openStreams;
    }

    synchronized int disconnects() {
        return disconnects;
    }

    synchronized boolean awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (disconnects < count) {
            if (!waitUntil(deadline)) {
                return false;
            }
        }
        return true;
    }

    synchronized boolean awaitOpenStreams(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (openStreams != count) {
            if (!waitUntil(deadline)) {
                return false;
            }
        }
        return true;
    }

    synchronized boolean awaitRequests(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (byPath(path).size() < count) {
            if (!waitUntil(deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Waits on this monitor until notified or the deadline; false once the deadline has passed. */
    private boolean waitUntil(long deadlineNanos) throws InterruptedException {
        long remainingMillis = Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
        if (remainingMillis == 0) {
            return false;
        }
        wait(remainingMillis);
        return true;
    }
}
