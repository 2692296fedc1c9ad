def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// Both cases ran: the template came from the seeded DynamoDB Local, the Lambda answer from the mock.
assert log =~ /PASS \S*GreetingSucceeds/
assert log =~ /PASS \S*OutageFails/
assert log.contains('Workflow tests: 2 passed, 0 failed')
assert log.contains('apitpl-maven-plugin:' + apitplVersion + ':test')
assert log.contains('BUILD SUCCESS')
return true
