package com.codexmanager.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One SOCKS5 handshake of {@link TestProxy} (RFC 1928): "no authentication", or user name and password (RFC 1929)
 * when the proxy requires them, CONNECT only, IPv4 and domain addresses. Records the target as the client named it: a
 * domain name when the client let the proxy resolve it.
 */
final class Socks5Handler {
    private static final int VERSION = 5;
    private static final int NO_AUTH = 0;
    private static final int USER_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xff;
    private static final int CONNECT = 1;
    private static final int IPV4 = 1;
    private static final int DOMAIN = 3;
    private static final int SUCCEEDED = 0;
    private static final int HOST_UNREACHABLE = 4;
    private static final int COMMAND_NOT_SUPPORTED = 7;
    private static final int ADDRESS_NOT_SUPPORTED = 8;

    private final TestProxy proxy;

    Socks5Handler(TestProxy proxy) {
        this.proxy = proxy;
    }

    /** Returns the connected target, or {@code null} after refusing the client. */
    Socket handle(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        if (in.readUnsignedByte() != VERSION) {
            return null;
        }
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        int wanted = proxy.requiredSocksUser() == null ? NO_AUTH : USER_PASSWORD;
        boolean offered = false;
        for (byte m : methods) {
            offered |= m == wanted;
        }
        out.write(new byte[] {VERSION, (byte) (offered ? wanted : NO_ACCEPTABLE_METHOD)});
        out.flush();
        if (!offered || wanted == USER_PASSWORD && !authenticated(in, out)) {
            return null;
        }
        int version = in.readUnsignedByte();
        int command = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int addressType = in.readUnsignedByte();
        String host;
        if (addressType == IPV4) {
            byte[] address = in.readNBytes(4);
            host = InetAddress.getByAddress(address).getHostAddress();
        } else if (addressType == DOMAIN) {
            host = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
        } else {
            reply(out, ADDRESS_NOT_SUPPORTED);
            return null;
        }
        int port = in.readUnsignedShort();
        if (version != VERSION || command != CONNECT) {
            reply(out, COMMAND_NOT_SUPPORTED);
            return null;
        }
        proxy.recordTarget(host + ":" + port);
        Socket upstream;
        try {
            upstream = TestProxy.connectTarget(host, port);
        } catch (IOException e) {
            reply(out, HOST_UNREACHABLE);
            return null;
        }
        reply(out, SUCCEEDED);
        return upstream;
    }

    /** RFC 1929: version 1, user name, password; answers status 0 when both match, else 1. */
    private boolean authenticated(DataInputStream in, OutputStream out) throws IOException {
        in.readUnsignedByte();
        String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
        String password = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
        boolean ok = user.equals(proxy.requiredSocksUser()) && password.equals(proxy.requiredSocksPassword());
        if (!ok) {
            proxy.countChallenge();
        }
        out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
        out.flush();
        return ok;
    }

    private static void reply(OutputStream out, int status) throws IOException {
        out.write(new byte[] {VERSION, (byte) status, 0, IPV4, 0, 0, 0, 0, 0, 0});
        out.flush();
    }
}
