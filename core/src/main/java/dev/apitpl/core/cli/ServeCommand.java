package dev.apitpl.core.cli;

import dev.apitpl.core.endpoint.LocalEndpoint;
import dev.apitpl.core.endpoint.admin.AdminApiService;
import dev.apitpl.runtime.admin.AdminLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code apitpl serve}: the local AWS endpoint (Step Functions, Lambda, DynamoDB, API Gateway, IAM, STS) on one loopback port until
 * interrupted; on exit it stops running executions and DynamoDB Local and frees its ports.
 */
public final class ServeCommand implements Command {

    private static final String USAGE_TEXT = "usage: apitpl serve [--port N] [--state-dir DIR] [--admin-table TABLE]";

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "serve a local AWS endpoint (Step Functions, Lambda, DynamoDB, API Gateway, IAM, STS) on 127.0.0.1 until interrupted";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        LocalEndpoint.Builder builder = LocalEndpoint.builder().log(err::println);
        AtomicReference<LocalEndpoint> started = new AtomicReference<>();
        String adminTable = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE_TEXT);
                return OK;
            }
            if (!arg.equals("--port") && !arg.equals("--state-dir") && !arg.equals("--admin-table")) {
                err.println("apitpl serve: unknown option '" + arg + "'");
                err.println(USAGE_TEXT);
                return USAGE;
            }
            if (i + 1 >= args.size()) {
                err.println("apitpl serve: " + arg + " needs a value");
                err.println(USAGE_TEXT);
                return USAGE;
            }
            String value = args.get(++i);
            if (arg.equals("--state-dir")) {
                builder.stateDir(Path.of(value));
                continue;
            }
            if (arg.equals("--admin-table")) {
                // the template admin API under /admin, over the endpoint's own DynamoDB
                adminTable = value;
                builder.handler(AdminApiService.onLoopback(value, () -> started.get().dynamoDbUrl(), AdminLog.stdout()));
                continue;
            }
            try {
                builder.port(Integer.parseInt(value));
            } catch (IllegalArgumentException e) {
                err.println("apitpl serve: --port needs 0 (a free port) or a port number 1-65535, got '" + value + "'");
                return USAGE;
            }
        }
        LocalEndpoint endpoint;
        try {
            endpoint = builder.start();
            started.set(endpoint);
        } catch (IOException | RuntimeException e) {
            err.println("apitpl serve: " + e.getMessage());
            return PROBLEMS;
        }
        out.println("apitpl local AWS endpoint on " + endpoint.url()
                + " (Step Functions, Lambda, DynamoDB, API Gateway, IAM, STS; Ctrl-C stops)");
        out.println("export AWS_ENDPOINT_URL=" + endpoint.url());
        if (adminTable != null) {
            out.println("template admin API on " + endpoint.url().resolve(AdminApiService.PATH_PREFIX + "/templates")
                    + " (table " + adminTable + ")");
        }
        out.flush();
        endpoint.serveUntilShutdown();
        return OK;
    }
}
