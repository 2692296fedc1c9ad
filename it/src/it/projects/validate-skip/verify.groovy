def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// The definition is invalid, yet nothing is checked and the build passes.
assert log.contains('apitpl-maven-plugin:' + apitplVersion + ':validate')
assert log.contains('apitpl:validate skipped')
assert !(log =~ /: error [A-Z][A-Z0-9-]+ /)
assert log.contains('BUILD SUCCESS')
return true
