package dev.apitpl.runtime.secret;

import dev.apitpl.runtime.cache.ExpiringCache;
import dev.apitpl.runtime.error.SecretSourceException;
import dev.apitpl.runtime.http.CallLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Secrets from AWS Secrets Manager: {@code secret('NAME')} reads the SecretString of the secret
 * {@code APITPL_SECRETS_PREFIX + NAME}. Values are cached per warm Lambda for a TTL so a workflow does
 * not pay a Secrets Manager call per step; a rotated secret is picked up when its entry expires.
 */
public final class SecretsManagerSecretResolver implements SecretResolver {

    public static final String PREFIX_ENV = "APITPL_SECRETS_PREFIX";
    public static final String CACHE_TTL_ENV = "APITPL_SECRETS_CACHE_TTL_SECONDS";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final String prefix;
    private final ExpiringCache<String, String> cache;

    public SecretsManagerSecretResolver(SecretsManagerClient client, String prefix, Duration ttl, Clock clock) {
        this.client = client;
        this.prefix = prefix == null ? "" : prefix;
        this.cache = new ExpiringCache<>(ttl, clock);
    }

    /**
     * Default credential and region chains; {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} is honoured by the SDK.
     * {@value #CACHE_TTL_ENV} is whole seconds, {@code 0} turns the cache off; a negative or non-numeric value
     * is an {@link dev.apitpl.runtime.error.InvalidRequestException} naming the variable.
     */
    public static SecretsManagerSecretResolver fromEnvironment(Map<String, String> env) {
        Duration ttl = Duration.ofSeconds(CallLimits.nonNegativeNumber(env, CACHE_TTL_ENV, DEFAULT_TTL.toSeconds()));
        SecretsManagerClient client;
        try {
            client = SecretsManagerClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        } catch (SdkException e) {
            throw new SecretSourceException("The Secrets Manager client could not be set up (" + e.getMessage()
                    + "); set AWS_REGION (Lambda sets it) or choose another APITPL_SECRETS_SOURCE", e);
        }
        return new SecretsManagerSecretResolver(client, env.getOrDefault(PREFIX_ENV, ""), ttl, Clock.systemUTC());
    }

    @Override
    public Optional<String> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Optional<String> cached = cache.get(name);
        if (cached.isPresent()) {
            return cached;
        }
        String secretId = prefix + name;
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(secretId));
        } catch (ResourceNotFoundException missing) {
            return Optional.empty();
        } catch (SecretsManagerException e) {
            String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            throw new SecretSourceException("Secrets Manager refused secret '" + secretId + "' (" + code
                    + "); check the Lambda role's secretsmanager:GetSecretValue and kms:Decrypt permissions", e);
        } catch (SdkException e) {
            throw new SecretSourceException("Secrets Manager could not be reached for secret '" + secretId
                    + "'; check the Lambda's network path (VPC endpoint or NAT)", e);
        }
        if (response.secretString() == null) {
            throw new SecretSourceException("Secret '" + secretId + "' holds binary data; store the value as a"
                    + " SecretString");
        }
        return Optional.of(cache.put(name, response.secretString()));
    }
}
