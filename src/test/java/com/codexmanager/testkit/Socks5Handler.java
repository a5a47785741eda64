package com.codexmanager.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One SOCKS5 handshake of {@link TestProxy} (RFC 1928): "no authentication" only, CONNECT only, IPv4 and domain
 * addresses. Records the target as the client named it: a domain name when the client let the proxy resolve it.
 */
final class Socks5Handler {
    private static final int VERSION = 5;
    private static final int NO_AUTH = 0;
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
        boolean noAuthOffered = false;
        for (byte m : methods) {
            noAuthOffered |= m == NO_AUTH;
        }
        out.write(new byte[] {VERSION, (byte) (noAuthOffered ? NO_AUTH : NO_ACCEPTABLE_METHOD)});
        out.flush();
        if (!noAuthOffered) {
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

    private static void reply(OutputStream out, int status) throws IOException {
        out.write(new byte[] {VERSION, (byte) status, 0, IPV4, 0, 0, 0, 0, 0, 0});
        out.flush();
    }
}
