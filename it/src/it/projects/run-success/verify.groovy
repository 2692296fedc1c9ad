def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def received = support.stopApi('apitpl.it.run-success')
def log = support.buildLog(basedir)

// The template was fetched from the seeded table, rendered and sent for real.
assert received == ['GET /greeting?name=Ada']
// The trace names every state on the path taken, and the output carries the API's answer.
['GetTemplate', 'CallApi', 'CheckStatus', 'Success'].each { state -> assert log.contains(state) }
assert log.contains('SUCCEEDED')
assert log.contains('Hello, Ada')
assert log.contains('BUILD SUCCESS')
return true
