package dev.apitpl.runtime.store;

import dev.apitpl.runtime.cache.ExpiringCache;
import dev.apitpl.runtime.error.InvalidRequestException;
import dev.apitpl.runtime.error.TemplateStoreException;
import dev.apitpl.runtime.http.CallLimits;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Templates in a DynamoDB table: partition key {@code PK} = template name, sort key {@code SK} = HTTP method. Found templates are
 * kept for a TTL across warm invocations, so a busy workflow reads each template about once a minute;
 * misses are not cached, so a newly published template is visible at once.
 */
public final class DynamoDbTemplateStore implements TemplateStore {

    public static final String TABLE_ENV = "APITPL_TEMPLATE_TABLE";
    public static final String CACHE_TTL_ENV = "APITPL_TEMPLATE_CACHE_TTL_SECONDS";
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);

    private record Key(String name, String method) {
    }

    private final DynamoDbClient client;
    private final String table;
    private final ExpiringCache<Key, ApiTemplate> cache;

    public DynamoDbTemplateStore(DynamoDbClient client, String table, Duration ttl, Clock clock) {
        this.client = client;
        this.table = table;
        this.cache = new ExpiringCache<>(ttl, clock);
    }

    /** A client with the URL-connection HTTP client and the SDK's default credential, region and endpoint chains. */
    public static DynamoDbClient defaultClient() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * The store named by {@value #TABLE_ENV}; {@code AWS_ENDPOINT_URL_DYNAMODB} (e.g. DynamoDB Local) is
     * honoured by the SDK itself.
     */
    public static DynamoDbTemplateStore fromEnvironment(Map<String, String> env, DynamoDbClient client) {
        return fromEnvironment(env, () -> client);
    }

    /**
     * As {@link #fromEnvironment(Map, DynamoDbClient)}, asking for the client only once the variables are valid.
     * {@value #CACHE_TTL_ENV} is whole seconds, {@code 0} turns the cache off; a negative or non-numeric value
     * is an {@link InvalidRequestException} naming the variable.
     */
    public static DynamoDbTemplateStore fromEnvironment(Map<String, String> env, Supplier<DynamoDbClient> client) {
        String table = env.getOrDefault(TABLE_ENV, "").trim();
        if (table.isEmpty()) {
            throw new TemplateStoreException(TABLE_ENV + " is not set; set it to the templates table's name, or pass"
                    + " the template itself in the input's 'template' field");
        }
        Duration cacheTtl = Duration.ofSeconds(CallLimits.nonNegativeNumber(env, CACHE_TTL_ENV, DEFAULT_TTL.toSeconds()));
        return new DynamoDbTemplateStore(client.get(), table, cacheTtl, Clock.systemUTC());
    }

    @Override
    public String location() {
        return "DynamoDB table '" + table + "'";
    }

    @Override
    public Optional<ApiTemplate> find(String name, String method) {
        Key key = new Key(name, method);
        Optional<ApiTemplate> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached;
        }
        GetItemResponse response;
        try {
            response = client.getItem(request -> request.tableName(table).key(TemplateCodec.key(name, method)));
        } catch (ResourceNotFoundException e) {
            throw new TemplateStoreException("The templates table '" + table + "' does not exist in this account and"
                    + " region; check " + TABLE_ENV + " and AWS_REGION", e);
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            throw new TemplateStoreException("Reading template '" + name + "' " + method + " from table '" + table
                    + "' failed (" + code + "); check the Lambda role's dynamodb:GetItem permission on the table", e);
        } catch (SdkException e) {
            throw new TemplateStoreException("DynamoDB could not be reached to read template '" + name + "' " + method
                    + " from table '" + table + "'; check the Lambda's network path (VPC endpoint or NAT)", e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cache.put(key, TemplateCodec.fromAttributeValues(response.item())));
    }
}
