import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The baseline: a hand-written handler making the same HTTP call with the JDK client, nothing else. */
public class BareCall {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + args[0] + "/users/42?verbose=true"))
                .header("Accept", "application/json").header("Authorization", "Bearer bench-token")
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        System.out.println(response.statusCode());
    }
}
