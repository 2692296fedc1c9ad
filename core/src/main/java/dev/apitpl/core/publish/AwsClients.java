package dev.apitpl.core.publish;

import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The one place apitpl builds AWS SDK clients: the default credential and region chains (or {@code apitpl.profile}
 * and {@code apitpl.region}), {@code apitpl.endpoint} as every service's endpoint, one HTTP client, AWS's standard
 * retry strategy with backoff (throttling included). Services take their clients from here and make every call
 * through {@link #call}, which turns failures into one {@link AwsException}. Close it to release the HTTP client.
 *
 * <p>Against a loopback endpoint without a profile, fixed placeholder credentials are used: the local endpoint checks
 * no signature, and a developer's real keys have no business there.
 */
public final class AwsClients implements AutoCloseable {

    /**
     * Attempts per call, the first included. Backoff (full jitter) starts at 50 ms, 100 ms when throttled: an
     * unreachable endpoint is reported within seconds, a throttled table gets about a minute to recover.
     */
    static final int MAX_ATTEMPTS = 8;

    private final AwsConnection connection;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private DynamoDbClient dynamoDb;
    private LambdaClient lambda;
    private SfnClient stepFunctions;
    private IamClient iam;
    private StsClient sts;
    private ApiGatewayV2Client apiGateway;
    private CloudFormationClient cloudFormation;

    private AwsClients(AwsConnection connection, Region region, AwsCredentialsProvider credentials) {
        this.connection = connection;
        this.region = region;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    /**
     * Clients for {@code connection}. The region is resolved now, so that a missing one is reported before any call;
     * credentials are resolved at the first call, as the SDK does.
     */
    public static AwsClients create(AwsConnection connection) {
        Region region = region(connection);
        AwsCredentialsProvider credentials;
        if (connection.profile() != null) {
            credentials = ProfileCredentialsProvider.create(connection.profile());
        } else if (connection.isLoopbackEndpoint()) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("apitpllocal", "apitpllocal"));
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        return new AwsClients(connection, region, credentials);
    }

    private static Region region(AwsConnection connection) {
        if (connection.region() != null) {
            return Region.of(connection.region());
        }
        if (connection.profile() != null) {
            var fromProfile = ProfileFile.defaultProfileFile().profile(connection.profile())
                    .flatMap(profile -> profile.property(ProfileProperty.REGION));
            if (fromProfile.isPresent()) {
                return Region.of(fromProfile.get());
            }
        }
        String environment = System.getenv("AWS_REGION");
        if (environment != null && !environment.isBlank()) {
            return Region.of(environment);
        }
        if (connection.isLoopbackEndpoint()) {
            return Region.US_EAST_1; // the local endpoint serves every region alike
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkException e) {
            throw new AwsException("AWS", "ResolveRegion", "NoRegion", null, e.getMessage(),
                    "set the region with -Dapitpl.region=eu-west-1 (<region> in the pom), the AWS_REGION environment "
                            + "variable, or region = ... in the profile of ~/.aws/config", e);
        }
    }

    /** The connection these clients were built for. */
    public AwsConnection connection() {
        return connection;
    }

    /** The region every client talks to. */
    public Region region() {
        return region;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = configure(DynamoDbClient.builder()).build();
        }
        return dynamoDb;
    }

    public synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = configure(LambdaClient.builder()).build();
        }
        return lambda;
    }

    public synchronized SfnClient stepFunctions() {
        if (stepFunctions == null) {
            stepFunctions = configure(SfnClient.builder()).build();
        }
        return stepFunctions;
    }

    public synchronized IamClient iam() {
        if (iam == null) {
            // IAM is global: its one signing region is us-east-1 (aws-global), whatever region the rest uses.
            iam = configure(IamClient.builder()).region(connection.endpoint() == null ? Region.AWS_GLOBAL : region).build();
        }
        return iam;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = configure(StsClient.builder()).build();
        }
        return sts;
    }

    /** API Gateway v2 (HTTP APIs): the template admin API. */
    public synchronized ApiGatewayV2Client apiGateway() {
        if (apiGateway == null) {
            apiGateway = configure(ApiGatewayV2Client.builder()).build();
        }
        return apiGateway;
    }

    /** CloudFormation: a stack's outputs for {@code -Dapitpl.stack}. */
    public synchronized CloudFormationClient cloudFormation() {
        if (cloudFormation == null) {
            cloudFormation = configure(CloudFormationClient.builder()).build();
        }
        return cloudFormation;
    }

    private <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS)
                                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(5)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(10)))
                                .build())
                        .build());
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint());
        }
        return builder;
    }

    /**
     * Makes one AWS call, turning any failure into an {@link AwsException} with the service, operation, error code,
     * request id and the fix where known. {@code service} and {@code operation} are AWS's API names.
     */
    public <T> T call(String service, String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsErrors.translate(service, operation, e, this);
        }
    }

    /** The error's own message without the SDK's appended service/status/request-id parenthesis. */
    static String detailOf(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return error.getMessage();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable client : new AutoCloseable[] {dynamoDb, lambda, stepFunctions, iam, sts, apiGateway, cloudFormation}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    // closing a client frees memory only; nothing to report
                }
            }
        }
        http.close();
    }
}
