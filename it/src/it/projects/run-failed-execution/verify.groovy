def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def received = support.stopApi('apitpl.it.run-failed-execution')
def log = support.buildLog(basedir)

// The call went out, the 503 took the HandleFailure branch, and the build failed with the Fail state's error and cause.
assert received == ['GET /greeting?name=Ada']
assert log.contains('CheckStatus')
assert log.contains('Execution FAILED')
assert log.contains('ApiCallFailed: The greeting API answered with an error status')
assert log.contains('BUILD FAILURE')
return true
