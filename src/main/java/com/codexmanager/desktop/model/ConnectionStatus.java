package com.codexmanager.desktop.model;

import com.codexmanager.desktop.rpc.ServiceCapabilities;

/**
 * What the desktop knows about its service connection. Immutable.
 *
 * @param state        reachability
 * @param baseUrl      the address tried last
 * @param version      the service version ({@code initialize}), empty until connected
 * @param capabilities the RPC methods offered; {@link ServiceCapabilities#NONE} until connected
 * @param problem      a short technical reason when not connected, else empty
 */
public record ConnectionStatus(State state, String baseUrl, String version, ServiceCapabilities capabilities,
        String problem) {
    /** Reachability of the service. */
    public enum State {
        /** Not checked yet. */
        CONNECTING,
        CONNECTED,
        /** The embedded service is starting; {@link #waitingForAddress()} says whether its address is still taken. */
        STARTING,
        /** The embedded service was stopped on purpose. */
        STOPPED,
        /** No answer: not running, wrong address, or too slow. */
        UNREACHABLE,
        /** It answers but refuses our RPC token. */
        UNAUTHORIZED
    }

    public static ConnectionStatus connecting(String baseUrl) {
        return new ConnectionStatus(State.CONNECTING, baseUrl, "", ServiceCapabilities.NONE, "");
    }

    /** The {@link #problem()} of a start that waits for its listen address to become free. */
    public static final String ADDRESS_IN_USE = "address in use";

    public boolean connected() {
        return state == State.CONNECTED;
    }

    public boolean waitingForAddress() {
        return state == State.STARTING && ADDRESS_IN_USE.equals(problem);
    }
}
