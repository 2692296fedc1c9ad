def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// start runs in pre-integration-test and leaves the endpoint up; stop ends it in post-integration-test.
def started = log =~ /apitpl local AWS endpoint on http:\/\/127\.0\.0\.1:(\d+)/
assert started.find() : 'apitpl:start did not report its URL'
def port = new File(basedir, 'target/apitpl-endpoint.port').text.trim()
assert port == started.group(1)
assert log.indexOf('apitpl local AWS endpoint on') < log.indexOf('apitpl local AWS endpoint stopped')
assert log.contains('BUILD SUCCESS')
new ServerSocket(port as int, 1, InetAddress.getByName('127.0.0.1')).close() // the port is free again
return true
