def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// The failing case is named with what it expected, the passing one still ran, and the build failed once.
assert log =~ /(?s)\[ERROR\].*OutageWronglyExpectedToSucceed/
assert log.contains('GreetingSucceeds')
assert log.contains('HandleFailure')
assert log.contains('workflow-tests.json')
assert log.contains('BUILD FAILURE')
return true
