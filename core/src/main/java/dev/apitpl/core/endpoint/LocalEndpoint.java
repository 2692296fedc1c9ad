package dev.apitpl.core.endpoint;

import dev.apitpl.core.engine.Json;
import dev.apitpl.core.endpoint.dynamodb.DynamoDbFaults;
import dev.apitpl.core.endpoint.dynamodb.DynamoDbService;
import dev.apitpl.core.endpoint.apigateway.HttpApiService;
import dev.apitpl.core.endpoint.iam.IamService;
import dev.apitpl.core.endpoint.stepfunctions.InProcessLambdaInvoker;
import dev.apitpl.core.endpoint.stepfunctions.LambdaTasks;
import dev.apitpl.core.endpoint.stepfunctions.StepFunctionsService;
import dev.apitpl.core.engine.task.DynamoDbIntegration;
import dev.apitpl.core.engine.task.HttpIntegration;
import dev.apitpl.core.engine.task.TaskDispatcher;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.apitpl.core.endpoint.lambda.LambdaService;
import dev.apitpl.core.endpoint.server.EndpointServer;
import dev.apitpl.core.engine.ExecutionOptions;
import dev.apitpl.core.engine.task.LambdaFunctions;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A local AWS endpoint: Step Functions, Lambda, DynamoDB, IAM and STS (and any service given as a
 * {@link ServiceHandler}) on one loopback URL, reached by the AWS SDKs and the AWS CLI through an endpoint override.
 *
 * <pre>{@code
 * try (LocalEndpoint endpoint = LocalEndpoint.builder().port(0).start()) {
 *     SfnClient sfn = SfnClient.builder().endpointOverride(endpoint.url()).build();
 *     ...
 * }
 * }</pre>
 *
 * Every ARN it mints carries {@link #ACCOUNT_ID}; the region is the one the client signs for.
 */
public final class LocalEndpoint implements AutoCloseable {

    /** The account of every resource on the endpoint, as STS GetCallerIdentity reports it. */
    public static final String ACCOUNT_ID = ExecutionOptions.LOCAL_ACCOUNT;
    /** The region of ARNs when a request is not signed for one. */
    public static final String DEFAULT_REGION = "us-east-1";


    private final EndpointServer server;
    private final List<ServiceHandler> services;
    private final DynamoDbService dynamoDb;
    private final LambdaInvoker lambdaInvoker;
    private final URI url;

    private LocalEndpoint(EndpointServer server, List<ServiceHandler> services, DynamoDbService dynamoDb,
                          LambdaInvoker lambdaInvoker) {
        this.server = server;
        this.services = services;
        this.dynamoDb = dynamoDb;
        this.lambdaInvoker = lambdaInvoker;
        this.url = URI.create("http://127.0.0.1:" + server.port());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint's URL, {@code http://127.0.0.1:PORT}: the value for {@code AWS_ENDPOINT_URL}. */
    public URI url() {
        return url;
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /**
     * How this endpoint's Step Functions tasks invoke Lambda functions: the invoker given to the builder, else the
     * in-process handlers of {@code functions(...)}, else the endpoint's own Lambda service (the functions created on
     * this URL, run in their own JVMs).
     */
    public LambdaInvoker lambdaInvoker() {
        return lambdaInvoker;
    }

    /** DynamoDB Local's own URL, without the endpoint's fault injection. */
    public URI dynamoDbUrl() {
        return dynamoDb.databaseUrl();
    }

    /**
     * Serves until the JVM shuts down (Ctrl-C, a signal) or the calling thread is interrupted, then closes the
     * endpoint: what {@code apitpl serve} and a foreground {@code apitpl:start} do.
     */
    public void serveUntilShutdown() {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            close();
            stopped.countDown();
        }, "apitpl-endpoint-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            close();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops answering, stops running executions and the services' child processes, and frees every port. */
    @Override
    public void close() {
        server.close();
        for (ServiceHandler service : services) {
            try {
                service.close();
            } catch (RuntimeException e) {
                // Keep closing the others: one service failing to stop must not leave the rest running.
            }
        }
    }

    /** A service that only closes {@code resource} on shutdown. */
    private static ServiceHandler closing(AutoCloseable resource) {
        return new ServiceHandler() {
            @Override
            public boolean accepts(EndpointRequest request) {
                return false;
            }

            @Override
            public EndpointResponse handle(EndpointRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                try {
                    resource.close();
                } catch (Exception e) {
                    // shutting down
                }
            }
        };
    }

    /** Configures and starts a {@link LocalEndpoint}; every setting has a default. */
    public static final class Builder {
        private int port;
        private Path stateDir;
        private final List<ServiceHandler> handlers = new ArrayList<>();
        private LambdaInvoker lambdaInvoker;
        private LambdaFunctions functions;
        private DynamoDbFaults dynamoDbFaults = DynamoDbFaults.NONE;
        private Consumer<String> log = System.err::println;

        private Builder() {}

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (a free port) or 1-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Where state survives a restart (state machines, versions, aliases, DynamoDB data); null keeps it in memory. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        /** Another service on the same URL, asked before the built-in ones (e.g. Lambda). */
        public Builder handler(ServiceHandler handler) {
            this.handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * How Step Functions tasks invoke Lambda functions; without one, they invoke the functions created on this
         * endpoint's own Lambda API (as on AWS).
         */
        public Builder lambdaInvoker(LambdaInvoker invoker) {
            this.lambdaInvoker = invoker;
            return this;
        }

        /**
         * Runs Step Functions' Lambda tasks in-process instead of on the endpoint's Lambda service (when no
         * {@link #lambdaInvoker} is given): each function name runs the handler {@code functions} maps it to, as
         * {@code apitpl:run} does ({@code LambdaFunctions.builder().build()} runs the generic Lambda for every name),
         * with no function to create first.
         */
        public Builder functions(LambdaFunctions functions) {
            this.functions = Objects.requireNonNull(functions, "functions");
            return this;
        }

        /** DynamoDB faults to inject (default none). */
        public Builder dynamoDbFaults(DynamoDbFaults faults) {
            this.dynamoDbFaults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** Where the endpoint reports what it does not answer normally (default standard error). */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Starts DynamoDB Local and the server.
         *
         * @throws IOException when the port is taken, the state folder is not writable or DynamoDB Local cannot start
         */
        public LocalEndpoint start() throws IOException {
            if (stateDir != null) {
                try {
                    Files.createDirectories(stateDir);
                } catch (IOException e) {
                    throw new IOException("Cannot create the endpoint's state folder " + stateDir + " (" + e
                            + "); give a writable folder (--state-dir / -Dapitpl.stateDir)", e);
                }
            }
            List<ServiceHandler> services = new ArrayList<>(handlers);
            AtomicReference<String> boundUrl = new AtomicReference<>();
            LambdaService lambdaService = LambdaService.builder().account(ACCOUNT_ID).region(DEFAULT_REGION)
                    .endpointUrl(boundUrl::get).stateDir(stateDir).build();
            services.add(lambdaService);
            services.add(new HttpApiService(ACCOUNT_ID, DEFAULT_REGION, boundUrl::get, lambdaService, stateDir, log));
            DynamoDbService dynamoDb = DynamoDbService.start(stateDir == null ? null : stateDir.resolve("dynamodb"),
                    dynamoDbFaults);
            services.add(dynamoDb);
            DynamoDbClient tables = DynamoDbClient.builder().endpointOverride(dynamoDb.databaseUrl())
                    .region(Region.of(DEFAULT_REGION)).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
            LambdaInvoker lambda = lambdaInvoker != null ? lambdaInvoker
                    : functions != null ? new InProcessLambdaInvoker(functions, log) : lambdaService;
            TaskDispatcher tasks = new TaskDispatcher(List.of(new DynamoDbIntegration(tables), new LambdaTasks(lambda),
                    new HttpIntegration(Json.MAPPER, log)));
            services.add(new StepFunctionsService(ACCOUNT_ID, DEFAULT_REGION, stateDir, tasks));
            services.add(new IamService(ACCOUNT_ID, stateDir));
            services.add(closing(tables));
            try {
                LocalEndpoint endpoint = new LocalEndpoint(EndpointServer.start(port, services, log), services, dynamoDb,
                        lambda);
                boundUrl.set(endpoint.url().toString());
                return endpoint;
            } catch (BindException e) {
                services.forEach(ServiceHandler::close);
                throw new IOException("Port " + port + " on 127.0.0.1 is in use (" + e.getMessage() + "); choose "
                        + "another (--port / -Dapitpl.port), or 0 for a free one", e);
            } catch (IOException | RuntimeException e) {
                services.forEach(ServiceHandler::close);
                throw e;
            }
        }
    }
}
