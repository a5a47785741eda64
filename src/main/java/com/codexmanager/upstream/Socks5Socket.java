package com.codexmanager.upstream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A socket that reaches its target through a SOCKS5 proxy (RFC 1928), with a user name and password (RFC 1929) when
 * the proxy URL has them. It is our own client because the JDK's takes SOCKS credentials only from the process-wide
 * {@link java.net.Authenticator}, which would mix the proxies of different accounts. {@link #connect} connects to the
 * proxy and asks it for the target: by name when the target address is unresolved (socks5h), else by IP address;
 * each read of the handshake waits at most the connect timeout. Afterwards the socket's streams are the tunnel.
 * Single-thread until connected, like any socket; the password appears in no message.
 */
final class Socks5Socket extends Socket {
    private static final int VERSION = 5;
    private static final int NO_AUTH = 0;
    private static final int USER_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xff;
    private static final int USER_PASSWORD_VERSION = 1;
    private static final int CONNECT = 1;
    private static final int IPV4 = 1;
    private static final int DOMAIN = 3;
    private static final int IPV6 = 4;
    private static final int MAX_FIELD_BYTES = 255;
    private static final String[] REPLIES = {"succeeded", "general failure", "connection not allowed by ruleset",
        "network unreachable", "host unreachable", "connection refused", "TTL expired", "command not supported",
        "address type not supported"};

    private final String proxyHost;
    private final int proxyPort;
    private final String username;
    private final String password;

    /**
     * @param username nullable: without it only "no authentication" is offered
     * @param password nullable: sent as empty with a user name
     */
    Socks5Socket(String proxyHost, int proxyPort, String username, String password) {
        this.proxyHost = proxyHost;
        this.proxyPort = proxyPort;
        this.username = username;
        this.password = password;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
        if (!(endpoint instanceof InetSocketAddress target)) {
            throw new IllegalArgumentException("endpoint must be an InetSocketAddress: " + endpoint);
        }
        super.connect(new InetSocketAddress(proxyHost, proxyPort), timeoutMillis);
        try {
            int readTimeout = getSoTimeout();
            if (timeoutMillis > 0) {
                setSoTimeout(timeoutMillis);
            }
            negotiate(target);
            setSoTimeout(readTimeout);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void negotiate(InetSocketAddress target) throws IOException {
        DataInputStream in = new DataInputStream(getInputStream());
        OutputStream out = getOutputStream();
        out.write(username == null ? new byte[] {VERSION, 1, NO_AUTH}
                : new byte[] {VERSION, 2, NO_AUTH, USER_PASSWORD});
        out.flush();
        if (in.readUnsignedByte() != VERSION) {
            throw failure("does not speak SOCKS5");
        }
        int method = in.readUnsignedByte();
        if (method == USER_PASSWORD && username != null) {
            authenticate(in, out);
        } else if (method != NO_AUTH) {
            throw failure(method == NO_ACCEPTABLE_METHOD && username == null
                    ? "requires a user name and password (add user:password@ to the proxy URL)"
                    : "offered no authentication method we support");
        }
        out.write(connectRequest(target));
        out.flush();
        readReply(in, target);
    }

    private void authenticate(DataInputStream in, OutputStream out) throws IOException {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[3 + user.length + secret.length];
        request[0] = USER_PASSWORD_VERSION;
        request[1] = (byte) user.length;
        System.arraycopy(user, 0, request, 2, user.length);
        request[2 + user.length] = (byte) secret.length;
        System.arraycopy(secret, 0, request, 3 + user.length, secret.length);
        out.write(request);
        out.flush();
        in.readUnsignedByte(); // the subnegotiation's version
        if (in.readUnsignedByte() != 0) {
            throw failure("refused the user name or password");
        }
    }

    private static byte[] connectRequest(InetSocketAddress target) throws IOException {
        byte[] address;
        int type;
        if (target.isUnresolved()) {
            address = IDN.toASCII(target.getHostString()).getBytes(StandardCharsets.US_ASCII);
            if (address.length > MAX_FIELD_BYTES) {
                throw new SocketException("host name too long for SOCKS5: " + target.getHostString());
            }
            type = DOMAIN;
        } else {
            address = target.getAddress().getAddress();
            type = address.length == 4 ? IPV4 : IPV6;
        }
        boolean named = type == DOMAIN;
        byte[] request = new byte[4 + (named ? 1 : 0) + address.length + 2];
        request[0] = VERSION;
        request[1] = CONNECT;
        request[3] = (byte) type;
        int at = 4;
        if (named) {
            request[at++] = (byte) address.length;
        }
        System.arraycopy(address, 0, request, at, address.length);
        at += address.length;
        request[at] = (byte) (target.getPort() >> 8);
        request[at + 1] = (byte) target.getPort();
        return request;
    }

    private void readReply(DataInputStream in, InetSocketAddress target) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            throw failure("does not speak SOCKS5");
        }
        int reply = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int type = in.readUnsignedByte();
        int length = switch (type) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            case DOMAIN -> in.readUnsignedByte();
            default -> throw failure("answered with an unknown address type " + type);
        };
        in.readFully(new byte[length + 2]); // the bound address and port, which we do not need
        if (reply != 0) {
            throw failure("could not connect to " + target.getHostString() + ":" + target.getPort() + " ("
                    + (reply < REPLIES.length ? REPLIES[reply] : "error " + reply) + ")");
        }
    }

    private SocketException failure(String what) {
        return new SocketException("SOCKS5 proxy " + proxyHost + ":" + proxyPort + " " + what);
    }
}
