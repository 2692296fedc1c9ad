import com.sun.net.httpserver.HttpServer

/**
 * What the behaviour folders' setup and verify scripts share: a small API on 127.0.0.1 whose answers a case
 * chooses, and the build log.
 */
class ItSupport {

    /**
     * Starts an API on 127.0.0.1 (free port) answering every request with {@code status} and {@code json}, and keeps
     * the requests it received; the server is kept under {@code key} for the verify script to stop.
     */
    static HttpServer startApi(String key, int status, String json) {
        def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        def received = Collections.synchronizedList([])
        server.createContext('/') { exchange ->
            received << "${exchange.requestMethod} ${exchange.requestURI}".toString()
            byte[] bytes = json.getBytes('UTF-8')
            exchange.responseHeaders.set('Content-Type', 'application/json')
            exchange.sendResponseHeaders(status, bytes.length)
            exchange.responseBody.withCloseable { it.write(bytes) }
        }
        server.start()
        System.properties.put(key, [server: server, received: received])
        return server
    }

    /** Stops the API started under {@code key} and returns the requests it received. */
    static List<String> stopApi(String key) {
        def api = System.properties.remove(key)
        if (api == null) {
            throw new IllegalStateException("no API was started under " + key)
        }
        api.server.stop(0)
        return api.received
    }

    /** The build log of a case, failing clearly when the build did not run. */
    static String buildLog(File basedir) {
        def log = new File(basedir, 'build.log')
        assert log.isFile(): "no build.log in ${basedir}"
        return log.getText('UTF-8')
    }
}
