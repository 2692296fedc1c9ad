package dev.apitpl.core.endpoint.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** A {@link LambdaService} (account 000000000000) behind its own HTTP server, and a real client of it. */
final class RunningLambda implements AutoCloseable {

    final LambdaService service;
    final ServiceServer server;
    final LambdaClient client;

    RunningLambda(Duration settleDelay) {
        ServiceServer[] bound = new ServiceServer[1];
        service = LambdaService.builder().account("000000000000").settleDelay(settleDelay).endpointUrl(() -> bound[0].url()).build();
        try {
            server = new ServiceServer(service);
        } catch (IOException e) {
            service.close();
            throw new UncheckedIOException(e);
        }
        bound[0] = server;
        client = client(server.url());
    }

    /** A Lambda client of {@code url} with throw-away credentials. */
    static LambdaClient client(String url) {
        return LambdaClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @Override
    public void close() {
        client.close();
        server.close();
        service.close();
    }
}
