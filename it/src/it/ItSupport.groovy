import com.sun.net.httpserver.HttpServer

import java.util.zip.ZipFile

/**
 * What the behaviour folders' setup, selector and verify scripts share: whether the plugin under test has a goal,
 * and a small API on 127.0.0.1 whose answers a case chooses.
 */
class ItSupport {

    /** True when the installed plugin's descriptor declares {@code goal}. */
    static boolean pluginHasGoal(File pluginJar, String goal) {
        if (!pluginJar.isFile()) {
            throw new IllegalStateException("plugin under test not installed at " + pluginJar)
        }
        new ZipFile(pluginJar).withCloseable { zip ->
            def descriptor = zip.getEntry('META-INF/maven/plugin.xml')
            def plugin = new groovy.xml.XmlSlurper().parse(zip.getInputStream(descriptor))
            return plugin.mojos.mojo.any { it.goal.text() == goal }
        }
    }

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
