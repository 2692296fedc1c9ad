package dev.apitpl.core.endpoint.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * DynamoDB Local's own HTTP handler on a Jetty server of ours, bound to {@code 127.0.0.1} on a free port: one shared
 * database ({@code -sharedDb}) in memory or in a folder ({@code -dbPath}). Built directly rather than through
 * DynamoDB Local's command line, which binds every interface and sends start-up telemetry.
 */
final class DynamoDbLocalServer implements AutoCloseable {

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final URI url;

    private DynamoDbLocalServer(Server server, LocalDynamoDBServerHandler handler, URI url) {
        this.server = server;
        this.handler = handler;
        this.url = url;
    }

    /** Starts DynamoDB Local; {@code dataDir} null keeps the data in memory. */
    static DynamoDbLocalServer start(Path dataDir) throws Exception {
        boolean inMemory = dataDir == null;
        if (!inMemory) {
            Files.createDirectories(dataDir);
        }
        LocalDynamoDBRequestHandler database = new LocalDynamoDBRequestHandler(0, inMemory,
                inMemory ? null : dataDir.toAbsolutePath().toString(), true, false);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler();
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(database, null);
        context.setHandler(handler);
        server.setHandler(context);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            handler.close();
            throw e;
        }
        return new DynamoDbLocalServer(server, handler, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    URI url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            handler.close();
        }
    }
}
