def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// Every goal is listed with its description, and each parameter with its user property.
def goals = ['help', 'validate', 'run', 'test']
goals.each { goal -> assert log =~ /(?m)^apitpl:${goal}$/ : "goal ${goal} missing from help" }
assert log.contains('User property: apitpl.skip')
assert log.contains('User property: apitpl.validate.skip')
assert log.contains('BUILD SUCCESS')
return true
