package org.leadscoring.intake;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A Zap's hook URL on loopback: records what it receives and answers with a chosen status. */
public final class HookTarget implements AutoCloseable {

    private final HttpServer server;
    public final List<String> received = new CopyOnWriteArrayList<>();
    public volatile int status = 200;

    public HookTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/catch/123/abc/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
